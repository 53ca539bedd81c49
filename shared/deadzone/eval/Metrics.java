package deadzone.eval;

import java.util.List;

/** The means over a group of queries: hit@1/3/5, mean reciprocal rank and nDCG@5. */
public record Metrics(int queries, double hit1, double hit3, double hit5, double mrr, double ndcg5) {

    public static final List<String> NAMES = List.of("hit@1", "hit@3", "hit@5", "MRR", "nDCG@5");

    public static Metrics of(List<QueryOutcome> outcomes) {
        int n = outcomes.size();
        if (n == 0) {
            return new Metrics(0, 0, 0, 0, 0, 0);
        }
        double h1 = 0, h3 = 0, h5 = 0, rr = 0, nd = 0;
        for (QueryOutcome o : outcomes) {
            h1 += o.hitAt(1) ? 1 : 0;
            h3 += o.hitAt(3) ? 1 : 0;
            h5 += o.hitAt(5) ? 1 : 0;
            rr += o.reciprocalRank();
            nd += o.ndcg5();
        }
        return new Metrics(n, h1 / n, h3 / n, h5 / n, rr / n, nd / n);
    }

    /** The values in the order of {@link #NAMES}. */
    public double[] values() {
        return new double[] {hit1, hit3, hit5, mrr, ndcg5};
    }

    public static Metrics fromValues(int queries, double[] v) {
        return new Metrics(queries, v[0], v[1], v[2], v[3], v[4]);
    }
}
