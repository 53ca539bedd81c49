package deadzone.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The outcome of one evaluation: per query, and the means over the groups a report shows. */
public record EvalRun(Evaluation.Identity identity, int chunks, List<QueryOutcome> outcomes, List<Evaluation.Skipped> skipped) {

    public Metrics overall() {
        return of(o -> true);
    }

    public Metrics tune() {
        return of(o -> !o.query().heldOut());
    }

    public Metrics heldOut() {
        return of(o -> o.query().heldOut());
    }

    /** Per intent, in the order of {@link EvalQuery#INTENTS}; intents with no evaluated query are left out. */
    public Map<String, Metrics> byIntent() {
        Map<String, Metrics> out = new LinkedHashMap<>();
        for (String intent : EvalQuery.INTENTS) {
            Metrics m = of(o -> o.query().intent().equals(intent));
            if (m.queries() > 0) {
                out.put(intent, m);
            }
        }
        return out;
    }

    /** The named groups of a report and a baseline: overall, tune, held-out, then each intent. */
    public Map<String, Metrics> groups() {
        Map<String, Metrics> out = new LinkedHashMap<>();
        out.put("overall", overall());
        out.put("tune", tune());
        out.put("held-out", heldOut());
        out.putAll(byIntent());
        return out;
    }

    private Metrics of(Predicate<QueryOutcome> which) {
        return Metrics.of(outcomes.stream().filter(which).toList());
    }
}
