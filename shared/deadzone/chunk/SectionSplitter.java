package deadzone.chunk;

import deadzone.parse.Fence;

import java.util.ArrayList;
import java.util.List;

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
 */
final class SectionSplitter {
    private final TokenCounter counter;
    private final int maxTokens;
    private final int maxOverlap;
    private final int special;
    private final String header;
    private final int headerTokens;
    private final String text;
    private final List<Unit> units = new ArrayList<>();

    /** A span of the text; {@code fence} is set for the lines of a code block that had to be split. */
    private record Unit(int start, int end, int tokens, Fence fence, boolean opensFence, boolean closesFence) {
    }

    SectionSplitter(TokenCounter counter, int maxOverlap, String header, String text) {
        this.counter = counter;
        this.maxTokens = counter.maxTokens();
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
            while (b + 1 < units.size() && estimate(a, b + 1, sum + units.get(b + 1).tokens()) <= maxTokens) {
                b++;
                sum += units.get(b).tokens();
            }
            String piece = piece(a, b);
            while (b > a && counter.countTokens(Chunk.embeddingInput(header, piece)) > maxTokens) {
                piece = piece(a, --b);
            }
            if (b == a && counter.countTokens(Chunk.embeddingInput(header, piece)) > maxTokens) {
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
                && estimate(b, b + 1, last.tokens() + units.get(b + 1).tokens()) <= maxTokens;
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
            fences += tokens(first.fence().openLine());
        }
        if (last.fence() != null && !last.closesFence()) {
            fences += tokens(last.fence().closeLine());
        }
        return special + headerTokens + sum + fences;
    }

    private String piece(int a, int b) {
        Unit first = units.get(a);
        Unit last = units.get(b);
        StringBuilder s = new StringBuilder();
        if (first.fence() != null && !first.opensFence()) {
            s.append(first.fence().openLine()).append('\n');
        }
        s.append(text, first.start(), last.end());
        if (last.fence() != null && !last.closesFence()) {
            s.append('\n').append(last.fence().closeLine());
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
        int tokens = tokens(text.substring(start, end));
        if (special + headerTokens + tokens <= maxTokens) {
            units.add(new Unit(start, end, tokens, null, false, false));
            return;
        }
        for (int l = first; l <= last; l++) {
            int[] span = lines.get(l);
            if (isBlank(span) && fence == null) {
                continue;
            }
            boolean opens = fence != null && l == first;
            boolean closes = fence != null && closed && l == last;
            int lineTokens = tokens(text.substring(span[0], span[1]));
            int wrap = fence == null ? 0 : (opens ? 0 : tokens(fence.openLine())) + (closes ? 0 : tokens(fence.closeLine()));
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
            int hi = end;
            int best = pos + 1; // at least one character, so the loop always advances
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
            body = (opens ? "" : fence.openLine() + "\n") + body + (closes ? "" : "\n" + fence.closeLine());
        }
        return counter.countTokens(Chunk.embeddingInput(header, body)) <= maxTokens;
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
