package deadzone.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Shapes ranked hits into an answer: neighbours merged back in document order, then a token budget. */
final class Snippets {
    private Snippets() {
    }

    /**
     * Hits that are consecutive chunks of one section (same url and heading path, adjacent
     * chunk_index) become one snippet, in document order, at the rank of the best of them.
     */
    static List<Hit> mergeNeighbours(List<Hit> ranked) {
        List<List<Hit>> groups = new ArrayList<>();
        for (Hit h : ranked) {
            List<Hit> home = null;
            for (List<Hit> g : groups) {
                if (adjacent(g, h)) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                groups.add(home);
            }
            home.add(h);
        }
        List<Hit> merged = new ArrayList<>();
        for (List<Hit> g : groups) {
            if (g.size() == 1) {
                merged.add(g.get(0));
                continue;
            }
            Hit best = g.get(0);
            List<Hit> inOrder = new ArrayList<>(g);
            inOrder.sort(Comparator.comparingInt(Hit::chunkIndex));
            StringBuilder text = new StringBuilder(inOrder.get(0).content());
            for (int i = 1; i < inOrder.size(); i++) {
                text.append("\n\n").append(withoutOverlap(text, inOrder.get(i).content()));
            }
            merged.add(best.withContent(text.toString(), inOrder.get(0).chunkIndex()));
        }
        return merged;
    }

    private static boolean adjacent(List<Hit> group, Hit h) {
        for (Hit g : group) {
            if (g.libId().equals(h.libId()) && g.version().equals(h.version()) && g.url().equals(h.url())
                && g.headingPath().equals(h.headingPath()) && Math.abs(g.chunkIndex() - h.chunkIndex()) == 1) {
                return true;
            }
        }
        return false;
    }

    /** Chunks overlap by a few lines; drop the lines the previous text already ends with. */
    private static String withoutOverlap(CharSequence before, String next) {
        String prev = before.toString();
        String[] lines = next.split("\n", -1);
        for (int n = lines.length - 1; n > 0; n--) {
            String head = String.join("\n", java.util.Arrays.copyOfRange(lines, 0, n));
            if (head.strip().length() > 0 && prev.endsWith(head)) {
                return String.join("\n", java.util.Arrays.copyOfRange(lines, n, lines.length)).stripLeading();
            }
        }
        return next;
    }

    /**
     * One snippet per text: when several versions of a library hold the very same chunk, the
     * best-ranked one stays and names the others, instead of the answer repeating itself.
     */
    static List<Hit> sameTextOnce(List<Hit> ranked) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        List<Hit> out = new ArrayList<>();
        for (Hit h : ranked) {
            String key = h.libId() + "\u0000" + h.headingPath() + "\u0000" + h.content();
            Integer at = seen.get(key);
            if (at == null) {
                seen.put(key, out.size());
                out.add(h);
            } else if (!h.version().equals(out.get(at).version())) {
                List<String> also = new ArrayList<>(out.get(at).alsoInVersions());
                if (!also.contains(h.version())) {
                    also.add(h.version());
                }
                out.set(at, out.get(at).withAlsoIn(also));
            }
        }
        return out;
    }

    /** At most {@code limit} snippets and about {@code tokenBudget} tokens; the first one always shows. */
    static List<Hit> budget(List<Hit> hits, int limit, int tokenBudget) {
        List<Hit> out = new ArrayList<>();
        int used = 0;
        for (Hit h : hits) {
            if (out.size() == limit) {
                break;
            }
            int cost = h.approxTokens();
            if (used + cost > tokenBudget) {
                if (out.isEmpty()) {
                    int chars = Math.max(0, tokenBudget * Hit.CHARS_PER_TOKEN);
                    out.add(h.withContent(h.content().substring(0, Math.min(chars, h.content().length())), h.chunkIndex()));
                    used = tokenBudget;
                }
                continue; // a smaller snippet further down may still fit
            }
            out.add(h);
            used += cost;
        }
        return out;
    }
}
