package deadzone.serve;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a reader ({@code \n} or {@code \r\n} ends one), each at most {@code maxChars} long: a
 * longer line is skipped to its end without being kept, so a client cannot make the server hold
 * an endless line in memory.
 */
final class BoundedLines {
    record Line(String text, boolean tooLong) {
    }

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;

    BoundedLines(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /** The next line, or null at end of input (a last line without a newline still counts). */
    Line next() throws IOException {
        StringBuilder text = new StringBuilder();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return any ? finish(text, tooLong) : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                text.append(buffer, start, position - start);
                if (text.length() > maxChars) {
                    tooLong = true;
                    text.setLength(0);
                }
            }
            if (position < limit) {
                position++; // the newline
                return finish(text, tooLong);
            }
        }
    }

    private static Line finish(StringBuilder text, boolean tooLong) {
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\r') {
            text.setLength(end - 1);
        }
        return new Line(tooLong ? "" : text.toString(), tooLong);
    }
}
