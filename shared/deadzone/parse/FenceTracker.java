package deadzone.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows markdown fenced code blocks line by line (``` or ~~~, any length, any indentation, so
 * that fences inside list items count too), so that nothing inside one is taken for a heading,
 * a comment or an include. An unclosed fence runs to the end of the document, as in CommonMark.
 */
final class FenceTracker {
    private static final Pattern OPEN = Pattern.compile("^\\s*(`{3,}|~{3,})(.*)$");

    private char fenceChar;
    private int fenceLength;

    /** Whether the line belongs to a fenced block: its opening line, its content or its closing line. */
    boolean feed(String line) {
        if (fenceLength > 0) {
            String t = line.strip();
            if (t.length() >= fenceLength && t.chars().allMatch(c -> c == fenceChar)) {
                fenceLength = 0;
            }
            return true;
        }
        Matcher m = OPEN.matcher(line);
        if (m.matches() && !(m.group(1).charAt(0) == '`' && m.group(2).contains("`"))) {
            fenceChar = m.group(1).charAt(0);
            fenceLength = m.group(1).length();
            return true;
        }
        return false;
    }

    boolean inside() {
        return fenceLength > 0;
    }

    /** A fence long enough that no line of {@code code} closes it. */
    static String fenceFor(String code) {
        int longest = 0;
        for (String line : code.split("\n", -1)) {
            String t = line.strip();
            int run = 0;
            while (run < t.length() && t.charAt(run) == '`') {
                run++;
            }
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** {@code code} as a fenced block with the given info string (language and options). */
    static String fenced(String info, String code) {
        String body = code.stripTrailing();
        body = SectionCollector.trimBlankLines(body + "\n");
        String fence = fenceFor(body);
        return fence + (info == null ? "" : info) + "\n" + body + "\n" + fence;
    }
}
