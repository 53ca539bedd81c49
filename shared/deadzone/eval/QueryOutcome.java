package deadzone.eval;

import deadzone.search.Hit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one query got: the snippets in the order shown, the rank of the first one that answers
 * it (grade 2 or 3; 1-based, 0 when none was returned) and nDCG@5 (where grade 1, related, counts too).
 */
public record QueryOutcome(EvalQuery query, List<Hit> hits, int firstRelevantRank, double ndcg5) {
    static final int NDCG_DEPTH = 5;
    /** The least grade that answers the question: hit@k and MRR count these. */
    public static final int ANSWERS = 2;

    public static QueryOutcome of(EvalQuery query, List<Hit> hits) {
        int first = 0;
        for (int i = 0; i < hits.size() && first == 0; i++) {
            if (query.grade(hits.get(i)) >= ANSWERS) {
                first = i + 1;
            }
        }
        return new QueryOutcome(query, List.copyOf(hits), first, ndcg(query, hits));
    }

    /**
     * Each relevant section is credited once, to the first snippet that matches it, so two
     * chunks of one section cannot score twice; the ideal ranking is the sections' grades, best
     * first.
     */
    static double ndcg(EvalQuery query, List<Hit> hits) {
        Set<Relevant> credited = new HashSet<>();
        double dcg = 0;
        for (int i = 0; i < Math.min(NDCG_DEPTH, hits.size()); i++) {
            Relevant best = null;
            for (Relevant r : query.relevant()) {
                if (!credited.contains(r) && (best == null || r.grade() > best.grade()) && r.matches(hits.get(i))) {
                    best = r;
                }
            }
            if (best != null) {
                credited.add(best);
                dcg += gain(best.grade()) / log2(i + 2);
            }
        }
        List<Relevant> ideal = new ArrayList<>(query.relevant());
        ideal.sort(Comparator.comparingInt(Relevant::grade).reversed());
        double idcg = 0;
        for (int i = 0; i < Math.min(NDCG_DEPTH, ideal.size()); i++) {
            idcg += gain(ideal.get(i).grade()) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    private static double gain(int grade) {
        return Math.pow(2, grade) - 1;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    public boolean hitAt(int k) {
        return firstRelevantRank > 0 && firstRelevantRank <= k;
    }

    public double reciprocalRank() {
        return firstRelevantRank == 0 ? 0 : 1.0 / firstRelevantRank;
    }
}
