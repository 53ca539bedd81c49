package deadzone.chunk;

import deadzone.parse.Fence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits one section's text that is too long for the window into pieces that fit, each piece
 * measured with its heading-path header as the model will see it. The text is cut into units:
 * paragraphs and whole fenced code blocks; a unit that alone is too long becomes its lines (code
 * lines keep their fence, re-opened and re-closed around each piece); a line that alone is too
 * long is cut at the longest prefix that fits, preferably at a space. Units are packed greedily,
 * and a piece starts with the previous piece's last unit when that unit is small (the overlap).
 *
 * <p>Unit sizes come from one tokenizer call per unit and are added up (exact for WordPiece,
 * where a line break always separates tokens); every piece is then counted as a whole and
 * shrunk if a tokenizer that merges across lines makes it larger than the sum said.
 *
 * <p>A piece must also stay within {@code maxChars} characters: text over that bound (a long run
 * without spaces, which a tokenizer reads as one unknown token) is cut by characters, and no text
 * over it is ever tokenized whole, so the cost stays linear in the section's length.
 */
final class SectionSplitter {
    /** Longer fence lines are replaced by a bare fence around pieces of a split code block. */
    private static final int MAX_WRAP_LINE = 256;
    private final TokenCounter counter;
    private final int maxTokens;
    private final int maxChars;
    private final int maxOverlap;
    private final int special;
    private final String header;
    private final int headerTokens;
    private final String text;
    private final List<Unit> units = new ArrayList<>();
    /** Tokens of the fence lines re-opened and re-closed around pieces of split code blocks. */
    private final Map<String, Integer> fenceLineTokens = new HashMap<>();

    /** A span of the text; {@code fence} is set for the lines of a code block that had to be split. */
    private record Unit(int start, int end, int tokens, Fence fence, boolean opensFence, boolean closesFence) {
    }

    SectionSplitter(TokenCounter counter, int maxChars, int maxOverlap, String header, String text) {
        this.counter = counter;
        this.maxTokens = counter.maxTokens();
        this.maxChars = maxChars;
        this.maxOverlap = maxOverlap;
        this.special = counter.countTokens("");
        this.header = header;
        this.headerTokens = header.isEmpty() ? 0 : counter.countTokens(header) - special;
        this.text = text;
    }

    List<String> split() {
        buildUnits();
        List<String> pieces = new ArrayList<>();
        int a = 0;
        while (a < units.size()) {
            int b = a;
            int sum = units.get(a).tokens();
            while (b + 1 < units.size() && estimate(a, b + 1, sum + units.get(b + 1).tokens()) <= maxTokens
                && chars(a, b + 1) <= maxChars) {
                b++;
                sum += units.get(b).tokens();
            }
            String piece = piece(a, b);
            while (b > a && counter.countTokens(Chunk.embeddingInput(header, piece)) > maxTokens) {
                piece = piece(a, --b);
            }
            if (b == a && (piece.length() > maxChars || counter.countTokens(Chunk.embeddingInput(header, piece)) > maxTokens)) {
                // The sum of parts underestimated this unit: cut it on real counts and retry.
                Unit u = units.get(a);
                List<Unit> cut = cutToFit(u.start(), u.end(), u.fence(), u.opensFence(), u.closesFence());
                if (cut.size() > 1) {
                    units.remove(a);
                    units.addAll(a, cut);
                    continue;
                }
                // One character with its header and fence lines is over the window: nothing left to cut.
            }
            pieces.add(piece);
            if (b == units.size() - 1) {
                break;
            }
            Unit last = units.get(b);
            boolean overlap = b > a && last.tokens() <= maxOverlap
                && estimate(b, b + 1, last.tokens() + units.get(b + 1).tokens()) <= maxTokens && chars(b, b + 1) <= maxChars;
            a = overlap ? b : b + 1;
        }
        return pieces;
    }

    /** Tokens of the piece made of units a..b whose own tokens add up to {@code sum}. */
    private int estimate(int a, int b, int sum) {
        Unit first = units.get(a);
        Unit last = units.get(b);
        int fences = 0;
        if (first.fence() != null && !first.opensFence()) {
            fences += fenceTokens(reopen(first.fence()));
        }
        if (last.fence() != null && !last.closesFence()) {
            fences += fenceTokens(reclose(last.fence()));
        }
        return special + headerTokens + sum + fences;
    }

    /** Characters of the piece made of units a..b, with the fence lines {@link #piece} adds. */
    private int chars(int a, int b) {
        Unit first = units.get(a);
        Unit last = units.get(b);
        int fences = 0;
        if (first.fence() != null && !first.opensFence()) {
            fences += reopen(first.fence()).length() + 1;
        }
        if (last.fence() != null && !last.closesFence()) {
            fences += reclose(last.fence()).length() + 1;
        }
        return last.end() - first.start() + fences;
    }

    /** The line that re-opens a split code block before a piece: its opening line, unless that is long. */
    private static String reopen(Fence fence) {
        return wrapLine(fence.openLine(), fence);
    }

    /** The line that closes a piece of a split code block. */
    private static String reclose(Fence fence) {
        return wrapLine(fence.closeLine(), fence);
    }

    /** A fence line of a hostile length (megabytes of info string, indentation or backticks) is not copied into every piece. */
    private static String wrapLine(String line, Fence fence) {
        return line.length() <= MAX_WRAP_LINE ? line : String.valueOf(fence.marker()).repeat(3);
    }

    private int fenceTokens(String line) {
        return fenceLineTokens.computeIfAbsent(line, this::tokens);
    }

    private String piece(int a, int b) {
        Unit first = units.get(a);
        Unit last = units.get(b);
        StringBuilder s = new StringBuilder();
        if (first.fence() != null && !first.opensFence()) {
            s.append(reopen(first.fence())).append('\n');
        }
        s.append(text, first.start(), last.end());
        if (last.fence() != null && !last.closesFence()) {
            s.append('\n').append(reclose(last.fence()));
        }
        return s.toString();
    }

    private void buildUnits() {
        List<int[]> lines = lines();
        int i = 0;
        while (i < lines.size()) {
            if (isBlank(lines.get(i))) {
                i++;
                continue;
            }
            Fence fence = Fence.opening(line(lines.get(i)));
            int j = i;
            if (fence != null) {
                // The block runs to its closing fence, or to the end of the text when unclosed.
                while (j + 1 < lines.size() && !fence.closedBy(line(lines.get(j + 1)))) {
                    j++;
                }
                boolean closed = j + 1 < lines.size();
                if (closed) {
                    j++;
                }
                addBlock(lines, i, j, fence, closed);
            } else {
                while (j + 1 < lines.size() && !isBlank(lines.get(j + 1)) && Fence.opening(line(lines.get(j + 1))) == null) {
                    j++;
                }
                addBlock(lines, i, j, null, false);
            }
            i = j + 1;
        }
    }

    private void addBlock(List<int[]> lines, int first, int last, Fence fence, boolean closed) {
        int start = lines.get(first)[0];
        int end = lines.get(last)[1];
        if (end - start <= maxChars) {
            int tokens = tokens(text.substring(start, end));
            if (special + headerTokens + tokens <= maxTokens) {
                units.add(new Unit(start, end, tokens, null, false, false));
                return;
            }
        }
        for (int l = first; l <= last; l++) {
            int[] span = lines.get(l);
            if (isBlank(span) && fence == null) {
                continue;
            }
            boolean opens = fence != null && l == first;
            boolean closes = fence != null && closed && l == last;
            int wrapChars = fence == null ? 0
                : (opens ? 0 : reopen(fence).length() + 1) + (closes ? 0 : reclose(fence).length() + 1);
            if (span[1] - span[0] + wrapChars > maxChars) {
                units.addAll(cutToFit(span[0], span[1], fence, opens, closes));
                continue;
            }
            int lineTokens = tokens(text.substring(span[0], span[1]));
            int wrap = fence == null ? 0 : (opens ? 0 : fenceTokens(reopen(fence))) + (closes ? 0 : fenceTokens(reclose(fence)));
            if (special + headerTokens + lineTokens + wrap <= maxTokens) {
                units.add(new Unit(span[0], span[1], lineTokens, fence, opens, closes));
            } else {
                units.addAll(cutToFit(span[0], span[1], fence, opens, closes));
            }
        }
    }

    /**
     * Cuts the span into pieces that each fit the window on real counts (with the header and the
     * fence lines around them): the longest prefix that fits, moved back to just after a space
     * when one is in its second half.
     */
    private List<Unit> cutToFit(int start, int end, Fence fence, boolean opens, boolean closes) {
        List<Unit> out = new ArrayList<>();
        int pos = start;
        while (pos < end) {
            int lo = pos + 1;
            int hi = Math.min(end, pos + maxChars); // never a probe longer than a piece may be
            int best = pos + 1; // at least one character, so the loop always advances
            if (fits(pos, hi, fence, opens && pos == start, closes && hi == end)) {
                best = hi; // text a tokenizer barely sees fills the character bound: one probe, not a search
                lo = hi + 1;
            }
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (fits(pos, mid, fence, opens && pos == start, closes && mid == end)) {
                    best = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            int cut = best;
            if (cut < end) {
                for (int k = cut - 1; k > pos + (cut - pos) / 2; k--) {
                    if (Character.isWhitespace(text.charAt(k))) {
                        cut = k + 1;
                        break;
                    }
                }
                if (Character.isHighSurrogate(text.charAt(cut - 1)) && cut - 1 > pos) {
                    cut--;
                }
            }
            out.add(new Unit(pos, cut, tokens(text.substring(pos, cut)), fence, opens && pos == start, closes && cut == end));
            pos = cut;
        }
        return out;
    }

    private boolean fits(int start, int end, Fence fence, boolean opens, boolean closes) {
        String body = text.substring(start, end);
        if (fence != null) {
            body = (opens ? "" : reopen(fence) + "\n") + body + (closes ? "" : "\n" + reclose(fence));
        }
        return body.length() <= maxChars && counter.countTokens(Chunk.embeddingInput(header, body)) <= maxTokens;
    }

    private int tokens(String s) {
        return counter.countTokens(s) - special;
    }

    /** [start, end) of every line, without its line break. */
    private List<int[]> lines() {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            out.add(new int[] {start, end});
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return out;
    }

    private String line(int[] span) {
        return text.substring(span[0], span[1]);
    }

    private boolean isBlank(int[] span) {
        for (int i = span[0]; i < span[1]; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
