//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.error.UserException;
import deadzone.util.AtomicFiles;
import deadzone.util.Failures;
import deadzone.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked-in figures a change is measured against: one entry per mode (hybrid, lexical),
 * each with the identity it was measured under, the group means and every query's first
 * relevant rank. Figures are compared only under the same identity.
 */
public record Baseline(Evaluation.Identity identity, int chunks, Map<String, Metrics> groups, Map<String, Integer> ranks) {

    /**
     * How far an overall figure may fall below the baseline before it counts as a regression:
     * about two queries' worth on hit@k, so a change that loses a few queries is seen but the
     * rounding of a rebuilt corpus's vectors is not.
     */
    public static final double TOLERANCE = 0.02;

    public static Baseline of(EvalRun run) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        run.outcomes().forEach(o -> ranks.put(o.query().id(), o.firstRelevantRank()));
        return new Baseline(run.identity(), run.chunks(), run.groups(), ranks);
    }

    /** The entry for {@code mode}, or null when the file or the entry does not exist. */
    public static Baseline read(Path file, String mode) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : Failures.describe(e);
            throw new UserException(file + ": not a baseline file (" + why + "); rewrite it with --write-baseline");
        }
        JsonNode e = root.path(mode);
        if (!e.isObject()) {
            return null;
        }
        Map<String, Metrics> groups = new LinkedHashMap<>();
        e.path("groups").properties().forEach(g -> {
            double[] v = new double[Metrics.NAMES.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = g.getValue().path(Metrics.NAMES.get(i)).asDouble();
            }
            groups.put(g.getKey(), Metrics.fromValues(g.getValue().path("queries").asInt(), v));
        });
        Map<String, Integer> ranks = new LinkedHashMap<>();
        e.path("ranks").properties().forEach(r -> ranks.put(r.getKey(), r.getValue().asInt()));
        Evaluation.Identity identity = new Evaluation.Identity(mode, e.path("embedder").asText(),
            e.path("corpus").asText(), e.path("query_set").asText());
        return new Baseline(identity, e.path("chunks").asInt(), groups, ranks);
    }

    /** Replaces this mode's entry in {@code file} (the other mode's entry is kept), atomically. */
    public void write(Path file) throws IOException {
        ObjectNode root = Files.exists(file) ? (ObjectNode) Json.MAPPER.readTree(file.toFile()) : Json.MAPPER.createObjectNode();
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("embedder", identity.embedder());
        e.put("corpus", identity.corpus());
        e.put("chunks", chunks);
        e.put("query_set", identity.querySet());
        ObjectNode g = e.putObject("groups");
        groups.forEach((name, m) -> {
            ObjectNode o = g.putObject(name);
            o.put("queries", m.queries());
            double[] v = m.values();
            for (int i = 0; i < v.length; i++) {
                o.put(Metrics.NAMES.get(i), Math.round(v[i] * 10000) / 10000.0);
            }
        });
        ObjectNode r = e.putObject("ranks");
        ranks.forEach(r::put);
        root.set(identity.mode(), e);
        ObjectNode ordered = Json.MAPPER.createObjectNode();
        for (String mode : List.of(Evaluation.Identity.HYBRID, Evaluation.Identity.LEXICAL)) {
            if (root.has(mode)) {
                ordered.set(mode, root.get(mode));
            }
        }
        AtomicFiles.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ordered) + "\n");
    }

    /**
     * Why a run under {@code now} cannot be compared with this baseline, as one line, or null when it can:
     * another query set, another corpus or another embedder make every figure incomparable.
     */
    public String refusal(Evaluation.Identity now, Path file) {
        if (!identity.querySet().equals(now.querySet())) {
            return file + " was measured on another query set (sha256 " + shortHash(identity.querySet()) + ", this one "
                + shortHash(now.querySet()) + "): review the figures and run with --write-baseline";
        }
        if (!identity.embedder().equals(now.embedder())) {
            return file + " was measured with another embedder (" + identity.embedder() + "): compare with that model, or --write-baseline";
        }
        if (!identity.corpus().equals(now.corpus())) {
            return file + " was measured on another corpus (" + chunks + " chunks, fingerprint " + shortHash(identity.corpus())
                + "; this database's: " + shortHash(now.corpus()) + "): compare on the database it was measured on, or --write-baseline";
        }
        return null;
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /**
     * How far an overall figure of this baseline may fall: {@link #TOLERANCE}, or two queries'
     * worth on hit@k when the set is small (the project's own corpus asks about fifty questions).
     */
    public double tolerance() {
        Metrics overall = groups.get("overall");
        return overall == null || overall.queries() == 0 ? TOLERANCE : Math.max(TOLERANCE, 2.0 / overall.queries());
    }

    /** Overall figures that fell more than {@link #tolerance()} below this baseline, one line each. */
    public List<String> regressions(EvalRun run) {
        List<String> out = new ArrayList<>();
        Metrics before = groups.get("overall");
        if (before == null) {
            return List.of("the baseline has no overall figures; rewrite it with --write-baseline");
        }
        double[] was = before.values();
        double[] is = run.overall().values();
        for (int i = 0; i < was.length; i++) {
            if (is[i] < was[i] - tolerance()) {
                out.add(String.format(java.util.Locale.ROOT, "overall %s fell from %.3f to %.3f", Metrics.NAMES.get(i), was[i], is[i]));
            }
        }
        return out;
    }
}
