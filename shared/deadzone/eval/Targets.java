package deadzone.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The quality the hybrid search must reach on the graded set (see the README's search section). */
public final class Targets {
    public static final double HIT1 = 0.85;
    public static final double MRR = 0.88;
    public static final double HIT5 = 0.97;
    public static final double INTENT_MRR = 0.75;

    private Targets() {
    }

    /** The targets {@code run} misses, one line each; empty when all are met. */
    public static List<String> unmet(EvalRun run) {
        List<String> out = new ArrayList<>();
        Metrics m = run.overall();
        check(out, "hit@1", m.hit1(), HIT1);
        check(out, "MRR", m.mrr(), MRR);
        check(out, "hit@5", m.hit5(), HIT5);
        for (Map.Entry<String, Metrics> e : run.byIntent().entrySet()) {
            check(out, e.getKey() + " MRR", e.getValue().mrr(), INTENT_MRR);
        }
        return out;
    }

    private static void check(List<String> out, String what, double value, double target) {
        if (value < target) {
            out.add(String.format(Locale.ROOT, "%s %.3f < %.2f", what, value, target));
        }
    }
}
