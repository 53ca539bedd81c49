package deadzone.chunk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced code block's opening line and the line that closes it. Indented fences count too
 * (fences inside list items and admonitions are indented), so the chunker never cuts a code
 * block by mistaking it for prose.
 */
record Fence(String openLine, String closeLine, char marker, int length) {
    private static final Pattern OPEN = Pattern.compile("^(\\s*)(`{3,}|~{3,})(.*)$");

    /** The fence this line opens, or null when it is not an opening fence line. */
    static Fence opening(String line) {
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
    boolean closedBy(String line) {
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
}
