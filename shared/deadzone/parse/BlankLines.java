package deadzone.parse;

/** Blank lines around a block of text, the one way sections, chunks and code blocks drop them. */
public final class BlankLines {
    private BlankLines() {
    }

    /** Drops blank lines at both ends; the first line's indentation (it can be code) and everything inside stay. */
    public static String trim(String s) {
        int start = 0;
        while (start < s.length()) {
            int nl = s.indexOf('\n', start);
            if (nl < 0 || !s.substring(start, nl).isBlank()) {
                break;
            }
            start = nl + 1;
        }
        return s.substring(start).stripTrailing();
    }
}
