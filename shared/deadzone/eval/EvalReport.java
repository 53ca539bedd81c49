package deadzone.eval;

import deadzone.search.Hit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The evaluation as a person reads it: the figures, the misses, and the change from the baseline. */
public final class EvalReport {
    private EvalReport() {
    }

    public static String figures(EvalRun run) {
        StringBuilder out = new StringBuilder();
        Evaluation.Identity id = run.identity();
        out.append(String.format(Locale.ROOT, "mode %s, %d chunks (corpus %s), query set %s%n", id.mode(), run.chunks(),
            id.corpus().substring(0, 12), id.querySet().substring(0, 12)));
        out.append(String.format(Locale.ROOT, "%d queries evaluated (%d tune, %d held-out)", run.outcomes().size(),
            run.tune().queries(), run.heldOut().queries()));
        if (!run.skipped().isEmpty()) {
            TreeSet<String> why = new TreeSet<>();
            run.skipped().forEach(s -> why.add(s.reason().replace(" is not in the database", "")));
            out.append(String.format(Locale.ROOT, ", %d skipped: their libraries are not in this database (%s)",
                run.skipped().size(), String.join(", ", why)));
        }
        out.append("\n\n").append(String.format(Locale.ROOT, "%-18s %4s", "", "n"));
        Metrics.NAMES.forEach(n -> out.append(String.format(Locale.ROOT, " %7s", n)));
        out.append('\n');
        for (Map.Entry<String, Metrics> e : run.groups().entrySet()) {
            out.append(String.format(Locale.ROOT, "%-18s %4d", e.getKey(), e.getValue().queries()));
            for (double v : e.getValue().values()) {
                out.append(String.format(Locale.ROOT, " %7.3f", v));
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static String targets(EvalRun run) {
        List<String> unmet = Targets.unmet(run);
        return unmet.isEmpty() ? "targets: all met\n" : "targets not met: " + String.join("; ", unmet) + "\n";
    }

    /** Every query whose first snippet is not relevant: what it expected and what came first. */
    public static String misses(EvalRun run) {
        StringBuilder out = new StringBuilder();
        for (QueryOutcome o : run.outcomes()) {
            if (o.firstRelevantRank() == 1) {
                continue;
            }
            EvalQuery q = o.query();
            String rank = o.firstRelevantRank() == 0 ? "not in the " + o.hits().size() + " snippets" : "rank " + o.firstRelevantRank();
            out.append(String.format(Locale.ROOT, "  %s [%s%s] \"%s\": %s%n", q.id(), q.intent(), q.heldOut() ? ", held-out" : "",
                q.query(), rank));
            out.append("      expected: ").append(q.relevant().stream().filter(r -> r.grade() == 3).findFirst()
                .orElse(q.relevant().get(0)).label()).append('\n');
            out.append("      first:    ").append(o.hits().isEmpty() ? "(nothing)" : describe(o.hits().get(0))).append('\n');
        }
        return out.length() == 0 ? "misses: none\n" : "misses (first snippet not relevant):\n" + out;
    }

    private static String describe(Hit h) {
        String url = h.url().replaceFirst("^[a-z]+://[^/]+", "");
        return h.libId() + (h.version().isEmpty() ? "" : " " + h.version()) + " " + url + " > "
            + (h.headingPath().isEmpty() ? h.title() : h.headingPath());
    }

    /** The figures' deltas against the baseline, and the queries whose first relevant rank moved. */
    public static String comparison(Baseline base, EvalRun run) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-18s %4s", "change from baseline", ""));
        Metrics.NAMES.forEach(n -> out.append(String.format(Locale.ROOT, " %7s", n)));
        out.append('\n');
        for (Map.Entry<String, Metrics> e : run.groups().entrySet()) {
            Metrics before = base.groups().get(e.getKey());
            if (before == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-18s %4s", e.getKey(), ""));
            double[] was = before.values();
            double[] is = e.getValue().values();
            for (int i = 0; i < is.length; i++) {
                double delta = is[i] - was[i];
                // the baseline keeps 4 decimals: a smaller difference is rounding, not a change
                out.append(String.format(Locale.ROOT, " %+7.3f", Math.abs(delta) < 0.0005 ? 0.0 : delta));
            }
            out.append('\n');
        }
        StringBuilder moved = new StringBuilder();
        for (QueryOutcome o : run.outcomes()) {
            Integer was = base.ranks().get(o.query().id());
            if (was != null && was != o.firstRelevantRank()) {
                moved.append(String.format(Locale.ROOT, "  %s: %s -> %s%n", o.query().id(), rank(was), rank(o.firstRelevantRank())));
            }
        }
        out.append(moved.length() == 0 ? "no query's first relevant rank moved\n" : "first relevant rank moved:\n" + moved);
        List<String> regressions = base.regressions(run);
        out.append(regressions.isEmpty() ? "no regression beyond the tolerance\n"
            : "regressions: " + String.join("; ", regressions) + "\n");
        return out.toString();
    }

    private static String rank(int r) {
        return r == 0 ? "none" : String.valueOf(r);
    }
}
