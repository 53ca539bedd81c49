//DEPS org.snakeyaml:snakeyaml-engine:2.10
package rehearsal;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workflow file read for the rehearsal: its dispatch inputs, env and jobs in the order they run,
 * each step as written. Reading checks everything the rehearsal cannot play (keys, actions,
 * expressions, contexts) up front, so a drifted workflow fails before any job starts.
 */
public final class WorkflowFile {
    /** The contexts expressions may read. */
    public static final Set<String> CONTEXTS = Set.of("github", "matrix", "needs", "steps", "secrets", "runner");

    private static final Set<String> WORKFLOW_KEYS = Set.of("name", "run-name", "on", "concurrency", "permissions", "env", "jobs");
    private static final Set<String> JOB_KEYS = Set.of("name", "needs", "if", "runs-on", "strategy", "steps", "outputs",
        "env", "permissions", "timeout-minutes");
    private static final Set<String> STRATEGY_KEYS = Set.of("fail-fast", "max-parallel", "matrix");
    private static final Set<String> STEP_KEYS = Set.of("id", "name", "if", "uses", "with", "run", "env");

    public record Input(String name, String defaultValue) {
    }

    /** One step; {@code uses} or {@code run} is null. */
    public record Step(int index, String id, String name, String condition, Action action, String uses,
                       Map<String, String> with, Map<String, String> env, String run) {
        /** What GitHub shows for the step. */
        public String displayName() {
            if (name != null) {
                return name;
            }
            return uses != null ? "Run " + uses : "Run " + run.strip().lines().findFirst().orElse("");
        }
    }

    /** One job; {@code matrix} holds each dimension's raw value (an expression or a list), empty without one. */
    public record Job(String id, String name, List<String> needs, String condition, Map<String, Object> matrix,
                      boolean failFast, Map<String, String> env, Map<String, String> outputs, List<Step> steps) {
        public String displayName() {
            return name != null ? name : id;
        }
    }

    private final Path path;
    private final Map<String, String> env;
    private final List<Input> inputs;
    private final List<Job> jobs;

    private WorkflowFile(Path path, Map<String, String> env, List<Input> inputs, List<Job> jobs) {
        this.path = path;
        this.env = env;
        this.inputs = inputs;
        this.jobs = jobs;
    }

    public Path path() {
        return path;
    }

    public Map<String, String> env() {
        return env;
    }

    public List<Input> inputs() {
        return inputs;
    }

    /** The jobs in an order that honours {@code needs:}, file order otherwise. */
    public List<Job> jobs() {
        return jobs;
    }

    public static WorkflowFile load(Path path) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(path.toString()).build())
                .loadFromString(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RehearsalException("cannot read the workflow " + path + ": " + e.getMessage(), e);
        } catch (YamlEngineException e) {
            throw new RehearsalException("the workflow " + path + " is not valid YAML: " + e.getMessage(), e);
        }
        String where = path.getFileName().toString();
        Map<String, Object> wf = map(root, where);
        keys(wf, WORKFLOW_KEYS, where);
        Map<String, Object> on = map(wf.get("on"), where + " on");
        if (!on.containsKey("workflow_dispatch")) {
            throw new RehearsalException(where + ": the rehearsal plays workflow_dispatch runs, and `on:` has none");
        }
        List<Input> inputs = new ArrayList<>();
        Object dispatch = on.get("workflow_dispatch");
        if (dispatch != null) {
            Object declared = map(dispatch, where + " workflow_dispatch").get("inputs");
            if (declared != null) {
                map(declared, where + " inputs").forEach((name, spec) -> {
                    Object def = spec == null ? null : map(spec, where + " input " + name).get("default");
                    inputs.add(new Input(name, def == null ? "" : scalar(def)));
                });
            }
        }
        Map<String, String> env = strings(wf.get("env"), where + " env");
        List<Job> jobs = new ArrayList<>();
        map(wf.get("jobs"), where + " jobs").forEach((id, spec) -> jobs.add(job(id, map(spec, where + " job " + id))));
        WorkflowFile file = new WorkflowFile(path, env, List.copyOf(inputs), order(jobs, where));
        file.checkExpressions();
        return file;
    }

    private static Job job(String id, Map<String, Object> spec) {
        String where = "job " + id;
        keys(spec, JOB_KEYS, where);
        List<String> needs = new ArrayList<>();
        Object n = spec.get("needs");
        if (n instanceof List<?> list) {
            list.forEach(x -> needs.add(scalar(x)));
        } else if (n != null) {
            needs.add(scalar(n));
        }
        Map<String, Object> matrix = new LinkedHashMap<>();
        boolean failFast = true;
        if (spec.get("strategy") != null) {
            Map<String, Object> strategy = map(spec.get("strategy"), where + " strategy");
            keys(strategy, STRATEGY_KEYS, where + " strategy");
            if (strategy.get("fail-fast") != null) {
                failFast = Boolean.parseBoolean(scalar(strategy.get("fail-fast")));
            }
            Object m = strategy.get("matrix");
            if (m instanceof String s) {
                throw new RehearsalException(where + ": a whole-matrix expression (`matrix: " + s
                    + "`) is not played; give each dimension its own value");
            }
            map(m, where + " strategy.matrix").forEach((dim, value) -> {
                if (dim.equals("include") || dim.equals("exclude")) {
                    throw new RehearsalException(where + ": matrix " + dim + " is not played by the rehearsal");
                }
                matrix.put(dim, value);
            });
        }
        List<Step> steps = new ArrayList<>();
        Object s = spec.get("steps");
        if (!(s instanceof List<?> list) || list.isEmpty()) {
            throw new RehearsalException(where + ": no steps");
        }
        for (int i = 0; i < list.size(); i++) {
            steps.add(step(i, map(list.get(i), where + " step " + (i + 1)), where));
        }
        Map<String, String> outputs = strings(spec.get("outputs"), where + " outputs");
        if (!matrix.isEmpty() && !outputs.isEmpty()) {
            throw new RehearsalException(where + ": outputs of a matrix job are not played by the rehearsal");
        }
        String condition = spec.get("if") == null ? null : scalar(spec.get("if"));
        return new Job(id, spec.get("name") == null ? null : scalar(spec.get("name")), List.copyOf(needs), condition,
            matrix, failFast, strings(spec.get("env"), where + " env"), outputs, List.copyOf(steps));
    }

    private static Step step(int index, Map<String, Object> spec, String job) {
        String where = job + " step " + (index + 1) + (spec.get("name") != null ? " (" + spec.get("name") + ")" : "");
        keys(spec, STEP_KEYS, where);
        String uses = spec.get("uses") == null ? null : scalar(spec.get("uses"));
        String run = spec.get("run") == null ? null : scalar(spec.get("run"));
        if ((uses == null) == (run == null)) {
            throw new RehearsalException(where + ": a step needs exactly one of uses: and run:");
        }
        Map<String, String> with = strings(spec.get("with"), where + " with");
        Action action = null;
        if (uses != null) {
            action = Action.of(uses);
            for (String input : with.keySet()) {
                if (!action.inputs.contains(input)) {
                    throw new RehearsalException(where + ": input '" + input + "' of " + action.name
                        + " is not played by the rehearsal (it plays " + action.inputs + ")");
                }
            }
        } else if (!with.isEmpty()) {
            throw new RehearsalException(where + ": with: belongs to uses: steps");
        }
        return new Step(index, spec.get("id") == null ? null : scalar(spec.get("id")),
            spec.get("name") == null ? null : scalar(spec.get("name")),
            spec.get("if") == null ? null : scalar(spec.get("if")), action, uses, with,
            strings(spec.get("env"), where + " env"), run);
    }

    /** Parses every expression and checks every context name, so nothing unsupported waits until a job runs. */
    private void checkExpressions() {
        List<String> texts = new ArrayList<>(env.values());
        for (Job job : jobs) {
            for (String need : job.needs()) {
                if (jobs.stream().noneMatch(j -> j.id().equals(need))) {
                    throw new RehearsalException("job " + job.id() + " needs an unknown job " + need);
                }
            }
            if (job.condition() != null) {
                checkContexts(Templates.condition(job.condition()), "job " + job.id() + " if");
            }
            texts.addAll(job.env().values());
            texts.addAll(job.outputs().values());
            job.matrix().values().forEach(v -> {
                if (v instanceof String s) {
                    texts.add(s);
                }
            });
            if (job.name() != null) {
                texts.add(job.name());
            }
            for (Step step : job.steps()) {
                if (step.condition() != null) {
                    checkContexts(Templates.condition(step.condition()), "job " + job.id() + " step " + step.displayName());
                }
                texts.addAll(step.with().values());
                texts.addAll(step.env().values());
                if (step.run() != null) {
                    texts.add(step.run());
                }
            }
        }
        for (String text : texts) {
            for (Expr e : Templates.expressions(text)) {
                checkContexts(e, ExprValues.abbreviate(text.strip()));
            }
        }
    }

    private static void checkContexts(Expr e, String where) {
        e.walk(node -> {
            if (node instanceof Expr.ContextRef ref && !CONTEXTS.contains(ref.name())) {
                throw new RehearsalException(where + ": context '" + ref.name() + "' is not played by the rehearsal"
                    + " (it plays " + CONTEXTS + ")");
            }
        });
    }

    /** Topological order by needs, keeping file order among jobs that are ready. */
    private static List<Job> order(List<Job> jobs, String where) {
        List<Job> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (ordered.size() < jobs.size()) {
            Job next = jobs.stream().filter(j -> !done.contains(j.id()) && done.containsAll(j.needs()))
                .findFirst().orElseThrow(() -> new RehearsalException(where + ": the jobs' needs form a cycle"));
            ordered.add(next);
            done.add(next.id());
        }
        return List.copyOf(ordered);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) {
        if (!(o instanceof Map)) {
            throw new RehearsalException(where + ": expected a mapping, found " + (o == null ? "nothing" : o));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) o).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Map<String, String> strings(Object o, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o != null) {
            map(o, where).forEach((k, v) -> out.put(k, v == null ? "" : scalar(v)));
        }
        return out;
    }

    private static String scalar(Object o) {
        if (o instanceof Map || o instanceof List) {
            throw new RehearsalException("expected a plain value, found " + o);
        }
        return String.valueOf(o);
    }

    private static void keys(Map<String, Object> m, Set<String> allowed, String where) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new RehearsalException(where + ": key '" + k + "' is not played by the rehearsal (it plays "
                    + allowed + "); teach tools/rehearsal about it");
            }
        }
    }
}
