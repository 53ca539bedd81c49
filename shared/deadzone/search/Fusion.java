package deadzone.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One ranking from the two kinds of evidence. The vector's cosine is the base score (meaning,
 * even with no word in common); the query's words add at most {@link #WORDS_WEIGHT}, in
 * proportion to the share of the query's word weight (rare words weigh more, see
 * {@link QueryTerms}) the chunk holds. So an exact identifier or the query's distinctive words
 * settle a close call, and one incidental common word cannot outrank a clearly better meaning.
 * Reciprocal-rank fusion did the opposite: a chunk both lists ranked middling beat the vector's
 * clear first, and the first snippet was right seven times in ten on the graded query set (see
 * the README's search section).
 */
final class Fusion {
    /** Measured on bench/eval: 0.05 ranks best; from 0.08 shared words win over meaning again. */
    static final double WORDS_WEIGHT = 0.05;
    /**
     * For a query that is only identifiers ({@code send_file}, {@code CORSMiddleware}): the
     * sections holding them must come first, whatever the vector makes of a code name.
     */
    static final double IDENTIFIER_WEIGHT = 0.25;

    private Fusion() {
    }

    record Scored(long id, double score) {
    }

    /**
     * {@code candidates}: the chunks either list found, with the share of the query's word
     * weight each holds; a chunk only BM25 found gets its exact cosine from the index.
     * {@code wordsWeight}: {@link #WORDS_WEIGHT}, or {@link #IDENTIFIER_WEIGHT} for a query of identifiers.
     */
    static List<Scored> fuse(VectorIndex index, float[] query, VectorIndex.Ranked vector, Map<Long, Double> candidates,
                             double wordsWeight) {
        Map<Long, Float> cosine = new java.util.HashMap<>();
        for (int r = 0; r < vector.ids().length; r++) {
            cosine.put(vector.ids()[r], vector.scores()[r]);
        }
        List<Scored> out = new ArrayList<>();
        candidates.forEach((id, coverage) -> {
            Float cos = cosine.get(id);
            out.add(new Scored(id, (cos != null ? cos : index.similarity(id, query)) + wordsWeight * coverage));
        });
        out.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingLong(Scored::id));
        return out;
    }
}
