package deadzone.parse;

/**
 * An ATX heading line ({@code ## Title ##}, {@code # Title { #anchor }}), read by scanning rather
 * than by backtracking patterns: a heading line full of spaces made those take time in the square
 * of its length, and a hostile page can serve one of megabytes.
 *
 * @param level 1 to 6, the number of {@code #}
 * @param text  what follows the {@code #}s and their spaces, without trailing spaces or tabs;
 *              null when nothing does ({@code "##"} alone)
 */
record AtxHeading(int level, String text) {
    /** The heading on {@code line}: up to 3 spaces, 1 to 6 {@code #}, then spaces or tabs and the text, or nothing. */
    static AtxHeading of(String line) {
        int i = 0;
        while (i < line.length() && i < 4 && line.charAt(i) == ' ') {
            i++;
        }
        int hashes = 0;
        while (i + hashes < line.length() && line.charAt(i + hashes) == '#') {
            hashes++;
        }
        if (i > 3 || hashes < 1 || hashes > 6) {
            return null;
        }
        int start = i + hashes;
        if (start == line.length()) {
            return new AtxHeading(hashes, null);
        }
        if (!isSpaceOrTab(line.charAt(start))) {
            return null; // "#hashtag" is text
        }
        for (int k = start; k < line.length(); k++) {
            if (isLineTerminator(line.charAt(k))) {
                return null;
            }
        }
        int from = start;
        while (from < line.length() && isSpaceOrTab(line.charAt(from))) {
            from++;
        }
        int to = trimmedEnd(line);
        return new AtxHeading(hashes, from >= to ? "" : line.substring(from, to));
    }

    /** Without a closing sequence of {@code #}s (with the spaces before it), as CommonMark drops it. */
    static String withoutClosingHashes(String raw) {
        int end = trimmedEnd(raw);
        int h = end;
        while (h > 0 && raw.charAt(h - 1) == '#') {
            h--;
        }
        if (h == end) {
            return raw;
        }
        if (h == 0) {
            return "";
        }
        if (!isSpaceOrTab(raw.charAt(h - 1))) {
            return raw; // "C#" keeps its '#'
        }
        int w = h;
        while (w > 0 && isSpaceOrTab(raw.charAt(w - 1))) {
            w--;
        }
        return raw.substring(0, w);
    }

    /**
     * Without a trailing attribute list: {@code { #id }}, {@code {#id .class}}, {@code {: .class }},
     * {@code {id=x}}; the first brace after the last-but-one closing brace that opens one.
     */
    static String withoutAttributes(String text) {
        int end = trimmedEnd(text);
        if (end == 0 || text.charAt(end - 1) != '}') {
            return text;
        }
        int close = end - 1;
        for (int q = text.lastIndexOf('}', close - 1) + 1; q < close; q++) {
            if (text.charAt(q) == '{' && opensAttributes(text, q, close)) {
                int p = q;
                while (p > 0 && isSpaceOrTab(text.charAt(p - 1))) {
                    p--;
                }
                return text.substring(0, p);
            }
        }
        return text;
    }

    /** After the brace at {@code q}: an optional ':', spaces, then {@code #x}, {@code .x} or {@code name=}. */
    private static boolean opensAttributes(String text, int q, int close) {
        int k = q + 1;
        if (k < close && text.charAt(k) == ':') {
            k++;
        }
        while (k < close && isSpaceOrTab(text.charAt(k))) {
            k++;
        }
        if (k >= close) {
            return false;
        }
        char c = text.charAt(k);
        if (c == '#' || c == '.') {
            return k + 1 < close && !isRegexSpace(text.charAt(k + 1));
        }
        int m = k;
        while (m < close && isNameChar(text.charAt(m))) {
            m++;
        }
        return m > k && m < close && text.charAt(m) == '=';
    }

    private static int trimmedEnd(String s) {
        int end = s.length();
        while (end > 0 && isSpaceOrTab(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }

    /** What a line may not hold inside a heading (the characters a pattern's '.' does not match). */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
}
