package deadzone.godoc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Comments grouped the way go/parser groups them: adjacent comments with no blank line between
 * form a group; a group that ends on the line just above a token is that token's lead (doc)
 * comment; a group that starts on the line of the token before it is that token's line comment,
 * never a doc comment.
 */
final class CommentGroups {
    /** Token indexes of a group's first and last comment. */
    record Group(int first, int last) {
    }

    private final GoTokens tokens;
    private final List<Group> groups = new ArrayList<>();
    private final int[] leadOf;
    private final int[] lineOf;

    CommentGroups(GoTokens tokens) {
        this.tokens = tokens;
        leadOf = new int[tokens.size()];
        lineOf = new int[tokens.size()];
        Arrays.fill(leadOf, -1);
        Arrays.fill(lineOf, -1);
        int previous = -1;
        int i = 0;
        while (i < tokens.size()) {
            if (!tokens.isComment(i)) {
                previous = i;
                i++;
                continue;
            }
            if (previous >= 0 && tokens.line(i) == tokens.line(previous)) {
                int end = consume(i, 0);
                int endLine = tokens.endLine(end - 1);
                byte next = tokens.kind(end);
                if (tokens.line(end) != endLine || next == GoTokens.SEMICOLON || next == GoTokens.EOF) {
                    lineOf[previous] = groups.size() - 1;
                }
                i = end;
            }
            int endLine = -1;
            int last = -1;
            while (i < tokens.size() && tokens.isComment(i)) {
                int end = consume(i, 1);
                endLine = tokens.endLine(end - 1);
                last = groups.size() - 1;
                i = end;
            }
            if (last >= 0 && i < tokens.size() && endLine + 1 == tokens.line(i)) {
                leadOf[i] = last;
            }
        }
    }

    /** Adds the group starting at comment {@code i} whose comments start at most {@code gap} lines apart; returns the index after it. */
    private int consume(int i, int gap) {
        int first = i;
        int endLine = tokens.line(i);
        while (i < tokens.size() && tokens.isComment(i) && tokens.line(i) <= endLine + gap) {
            endLine = tokens.endLine(i);
            i++;
        }
        groups.add(new Group(first, i - 1));
        return i;
    }

    /** The doc comment directly above token i, or null. */
    Group leadOf(int i) {
        return leadOf[i] < 0 ? null : groups.get(leadOf[i]);
    }

    /** The comment after token i on its line, or null. */
    Group lineCommentOf(int i) {
        return lineOf[i] < 0 ? null : groups.get(lineOf[i]);
    }

    List<Group> all() {
        return groups;
    }

    /** The raw comment texts of a group, markers included. */
    List<String> texts(Group g) {
        List<String> out = new ArrayList<>(g.last() - g.first() + 1);
        for (int i = g.first(); i <= g.last(); i++) {
            out.add(tokens.text(i));
        }
        return out;
    }
}
