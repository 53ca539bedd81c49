package deadzone.godoc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a comment group as go/ast's CommentGroup.Text gives it: comment markers removed
 * (and the one space after {@code //}), directive lines such as {@code //go:generate} or
 * {@code //line} dropped, trailing spaces removed, leading blank lines dropped, runs of blank
 * lines collapsed to one.
 */
final class CommentText {
    /** MARKER(uid): at the start of a note, as go/doc recognizes it. */
    private static final Pattern NOTE_MARKER = Pattern.compile("^[ \\t]*([A-Z][A-Z]+)\\(([^)]+)\\):?");
    private static final Pattern NOTE_COMMENT = Pattern.compile("^/[/*][ \\t]*[A-Z][A-Z]+\\([^)]+\\):?");

    private CommentText() {
    }

    /** The text, each line ending with a newline; empty when nothing is left. */
    static String of(List<String> comments) {
        List<String> lines = new ArrayList<>();
        for (String c : comments) {
            String body;
            if (c.charAt(1) == '/') {
                body = c.substring(2);
                if (!body.isEmpty()) {
                    if (body.charAt(0) == ' ') {
                        body = body.substring(1);
                    } else if (isDirective(body)) {
                        continue;
                    }
                }
            } else {
                body = c.substring(2, c.length() - 2);
            }
            for (String line : body.split("\n", -1)) {
                lines.add(stripTrailing(line));
            }
        }
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (!line.isEmpty() || !kept.isEmpty() && !kept.get(kept.size() - 1).isEmpty()) {
                kept.add(line);
            }
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) {
            kept.remove(kept.size() - 1);
        }
        StringBuilder out = new StringBuilder();
        for (String line : kept) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0 && " \t\r\n".indexOf(line.charAt(end - 1)) >= 0) {
            end--;
        }
        return line.substring(0, end);
    }

    /** {@code //line }, {@code //extern }, {@code //export } and {@code //[a-z0-9]+:[a-z0-9]} lines (after the slashes). */
    static boolean isDirective(String c) {
        if (c.startsWith("line ") || c.startsWith("extern ") || c.startsWith("export ")) {
            return true;
        }
        int colon = c.indexOf(':');
        if (colon <= 0 || colon + 1 >= c.length()) {
            return false;
        }
        for (int i = 0; i <= colon + 1; i++) {
            if (i == colon) {
                continue;
            }
            char b = c.charAt(i);
            if (!(b >= 'a' && b <= 'z' || b >= '0' && b <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** A note (BUG(who): ...) found in a comment group. */
    record Note(String marker, String uid, String body) {
    }

    /**
     * The notes of one comment group: each starts at a comment beginning with MARKER(uid): and runs
     * to the next such comment or the end of the group; the body has its spaces and tabs collapsed.
     */
    static List<Note> notes(List<String> comments) {
        List<Note> out = new ArrayList<>();
        int start = -1;
        for (int j = 0; j < comments.size(); j++) {
            if (NOTE_COMMENT.matcher(comments.get(j)).find()) {
                if (start >= 0) {
                    note(comments.subList(start, j), out);
                }
                start = j;
            }
        }
        if (start >= 0) {
            note(comments.subList(start, comments.size()), out);
        }
        return out;
    }

    private static void note(List<String> comments, List<Note> out) {
        String text = of(comments);
        Matcher m = NOTE_MARKER.matcher(text);
        if (m.find()) {
            String body = collapseSpaces(text.substring(m.end()));
            if (!body.isEmpty()) {
                out.add(new Note(m.group(1), m.group(2), body));
            }
        }
    }

    /** Runs of spaces and tabs become one space; leading and trailing spaces go (newlines stay). */
    private static String collapseSpaces(String s) {
        StringBuilder b = new StringBuilder();
        char previous = ' ';
        for (int i = 0; i < s.length(); i++) {
            char q = s.charAt(i);
            if (q == '\t' || q == '\r') {
                q = ' ';
            }
            if (q != ' ' || previous != ' ') {
                b.append(q);
                previous = q;
            }
        }
        if (b.length() > 0 && previous == ' ') {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }
}
