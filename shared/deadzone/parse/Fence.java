package deadzone.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one fence rule: a fenced code block's opening line (``` or ~~~, three or more, any
 * indentation, so fences inside list items and admonitions count) and the line that closes it
 * (the same character, at least as many, nothing else). Parsers follow fences with it so that
 * nothing inside one is taken for a heading; the chunker so that it never cuts a block as prose.
 *
 * @param openLine  the opening line as written
 * @param closeLine the indentation and run that close it, for re-fencing a piece of the block
 */
public record Fence(String openLine, String closeLine, char marker, int length) {
    private static final Pattern OPEN = Pattern.compile("^(\\s*)(`{3,}|~{3,})(.*)$");

    /** The fence this line opens, or null when it is not an opening fence line. */
    public static Fence opening(String line) {
        Matcher m = OPEN.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String run = m.group(2);
        if (run.charAt(0) == '`' && m.group(3).indexOf('`') >= 0) {
            return null; // inline code such as ```x``` is not a fence
        }
        return new Fence(line, m.group(1) + run, run.charAt(0), run.length());
    }

    /** Whether {@code line} closes this fence: the same character, at least as many, nothing after. */
    public boolean closedBy(String line) {
        String s = line.strip();
        if (s.length() < length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != marker) {
                return false;
            }
        }
        return true;
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
        body = BlankLines.trim(body + "\n");
        String fence = fenceFor(body);
        return fence + (info == null ? "" : info) + "\n" + body + "\n" + fence;
    }
}
