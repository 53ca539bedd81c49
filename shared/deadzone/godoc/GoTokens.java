package deadzone.godoc;

import java.util.Arrays;

/**
 * The tokens of one Go source file, comments included, with the semicolons Go inserts at line
 * ends (the language's automatic semicolon rule), as parallel arrays so a large file costs a few
 * ints per token. Offsets index the normalized source text ({@link GoLexer#normalize}).
 */
final class GoTokens {
    static final byte IDENT = 1;
    static final byte KEYWORD = 2;
    static final byte LITERAL = 3;
    static final byte OPERATOR = 4;
    /** A semicolon in the source or one inserted at a line end (then empty: start == end). */
    static final byte SEMICOLON = 5;
    static final byte COMMENT = 6;
    static final byte EOF = 7;

    final String source;
    private final int[] lineStarts;
    private byte[] kinds = new byte[64];
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int count;

    GoTokens(String source) {
        this.source = source;
        int lines = 1;
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                lines++;
            }
        }
        lineStarts = new int[lines];
        int line = 1;
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                lineStarts[line++] = i + 1;
            }
        }
    }

    void add(byte kind, int start, int end) {
        if (count == kinds.length) {
            int grown = count * 2;
            kinds = Arrays.copyOf(kinds, grown);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    int size() {
        return count;
    }

    byte kind(int i) {
        return kinds[i];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    String text(int i) {
        return source.substring(starts[i], ends[i]);
    }

    /** Whether token i is the operator or keyword {@code s}. */
    boolean is(int i, String s) {
        byte k = kinds[i];
        return (k == OPERATOR || k == KEYWORD) && ends[i] - starts[i] == s.length() && source.startsWith(s, starts[i]);
    }

    boolean isComment(int i) {
        return kinds[i] == COMMENT;
    }

    /** 1-based line of a source offset. */
    int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    int line(int i) {
        return lineOf(starts[i]);
    }

    /** The line a token ends on (a block comment or raw string can span lines). */
    int endLine(int i) {
        return lineOf(Math.max(starts[i], ends[i] - 1));
    }
}
