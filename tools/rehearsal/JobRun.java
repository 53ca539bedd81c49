package rehearsal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One job instance (one matrix slot) as a runner would run it: a fresh workspace, each step in
 * order with its {@code if:}, env and file commands, then the post phases of actions/cache in
 * reverse order, then the job's outputs.
 */
final class JobRun {
    /** The phase of actions/cache a post step plays, and its post-if (success()) as in the action's action.yml. */
    private record Post(WorkflowFile.Step step, Map<String, String> inputs, Map<String, String> state) {
    }

    private final WorkflowRun run;
    private final WorkflowFile.Job job;
    private final StrictMap matrix;
    private final StrictMap needs;
    private final String slot;
    private final Path workspace;
    private final Path temp;
    private final Path files;
    private final Path logs;
    private final Map<String, String> exported = new LinkedHashMap<>();
    private final List<String> pathAdditions = new ArrayList<>();
    private final StrictMap steps = new StrictMap("steps");
    private final List<RunRecord.StepRecord> records = new ArrayList<>();
    private final StringBuilder summary = new StringBuilder();
    private final Deque<Post> posts = new ArrayDeque<>();
    private boolean failed;
    private int counter;

    JobRun(WorkflowRun run, WorkflowFile.Job job, StrictMap matrix, StrictMap needs, String slot, Path dir) {
        this.run = run;
        this.job = job;
        this.matrix = matrix;
        this.needs = needs;
        this.slot = slot;
        this.workspace = dir.resolve("workspace");
        this.temp = dir.resolve("temp");
        this.files = dir.resolve("files");
        this.logs = dir.resolve("logs");
        for (WorkflowFile.Step step : job.steps()) {
            if (step.id() != null) {
                StrictMap s = new StrictMap("steps." + step.id());
                s.put("outputs", new LinkedHashMap<String, Object>());
                s.put("outcome", null);
                s.put("conclusion", null);
                steps.put(step.id(), s);
            }
        }
    }

    RunRecord.JobRecord execute() {
        try {
            Files.createDirectories(workspace);
            Files.createDirectories(temp);
            Files.createDirectories(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run.out().println("  " + job.displayName() + (slot.isEmpty() ? "" : " [" + slot + "]"));
        for (WorkflowFile.Step step : job.steps()) {
            runStep(step);
        }
        while (!posts.isEmpty()) {
            runPost(posts.pop());
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        job.outputs().forEach((name, text) -> outputs.put(name, Templates.interpolate(text, scope())));
        String result = failed ? "failure" : "success";
        run.out().println("    => " + result);
        return new RunRecord.JobRecord(job.id(), job.displayName(), slot, result, workspace, List.copyOf(records),
            outputs);
    }

    String summary() {
        return summary.toString();
    }

    // ---- steps

    private void runStep(WorkflowFile.Step step) {
        String name = step.displayName();
        Expr condition = Templates.condition(step.condition() == null ? "success()" : step.condition());
        if (!ExprValues.truthy(condition.eval(scope()))) {
            finish(step, name, "main", "skipped", null, Map.of());
            return;
        }
        Path log = logs.resolve(String.format("%02d-%s.log", ++counter, fileName(name)));
        StepFiles stepFiles = StepFiles.create(files, counter);
        Map<String, String> env = env(step, stepFiles);
        Map<String, String> inputs = new LinkedHashMap<>();
        step.with().forEach((k, v) -> inputs.put(k, Templates.interpolate(v, scope())));
        boolean ok = step.run() != null ? runScript(step, env, log) : runAction(step, inputs, env, log);
        Map<String, String> outputs = applyFileCommands(stepFiles, log);
        if (outputs == null) {
            ok = false;
        } else if (ok && step.action() == Action.CACHE && !isToolCache(step)) {
            try {
                posts.push(new Post(step, inputs, FileCommands.read(stepFiles.state())));
            } catch (IOException | IllegalArgumentException e) {
                note(log, "invalid GITHUB_STATE: " + e.getMessage());
                ok = false;
            }
        }
        finish(step, name, "main", ok ? "success" : "failure", log, outputs == null ? Map.of() : outputs);
    }

    private boolean runScript(WorkflowFile.Step step, Map<String, String> env, Path log) {
        String script = Templates.interpolate(step.run(), scope());
        Path file = temp.resolve(String.format("step-%02d.sh", counter));
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // What GitHub runs a run: step with on Linux when no shell: is given.
        return StepProcess.run(List.of("bash", "-e", file.toString()), workspace, env, log) == 0;
    }

    private boolean runAction(WorkflowFile.Step step, Map<String, String> inputs, Map<String, String> env, Path log) {
        switch (step.action()) {
            case CHECKOUT -> {
                Checkout.into(workspace, run.rehearsal().projectRoot(), run.registry());
                note(log, "checked out " + Checkout.PROJECT_FILES + " and the registry under test into " + workspace);
                return true;
            }
            case SETUP_JAVA -> {
                note(log, "no-op: this machine's JDK is used");
                return true;
            }
            case SETUP_JBANG -> {
                note(log, "no-op: jbang on PATH is the project's ./jbang wrapper");
                return true;
            }
            case CACHE -> {
                if (isToolCache(step)) {
                    note(log, "no-op: a tool cache under ~ (this machine's own JBang and Maven caches are used)");
                    return true;
                }
                return node("cache-step.cjs", "restore", inputs, Map.of(), env, log);
            }
            case CACHE_RESTORE -> {
                return node("cache-step.cjs", "restore-only", inputs, Map.of(), env, log);
            }
            case CACHE_SAVE -> {
                return node("cache-step.cjs", "save-only", inputs, Map.of(), env, log);
            }
            case GITHUB_SCRIPT -> {
                return node("github-script.cjs", null, inputs, Map.of(), env, log);
            }
            default -> throw new RehearsalException("no player for " + step.uses());
        }
    }

    private void runPost(Post post) {
        String name = "Post " + post.step().displayName();
        if (failed) {
            finish(post.step(), name, "post", "skipped", null, Map.of());
            return;
        }
        Path log = logs.resolve(String.format("%02d-%s.log", ++counter, fileName(name)));
        StepFiles stepFiles = StepFiles.create(files, counter);
        Map<String, String> env = env(post.step(), stepFiles);
        boolean ok = node("cache-step.cjs", "save", post.inputs(), post.state(), env, log);
        ok &= applyFileCommands(stepFiles, log) != null;
        finish(post.step(), name, "post", ok ? "success" : "failure", log, Map.of());
    }

    private boolean node(String script, String phase, Map<String, String> inputs, Map<String, String> state,
                         Map<String, String> env, Path log) {
        Map<String, String> js = new LinkedHashMap<>(env);
        // What the runner hands JavaScript actions, and run: steps never see.
        js.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        js.putAll(run.rehearsal().javaScriptActionEnv());
        inputs.forEach((k, v) -> js.put("INPUT_" + k.replace(' ', '_').toUpperCase(Locale.ROOT), v));
        state.forEach((k, v) -> js.put("STATE_" + k, v));
        List<String> command = new ArrayList<>(List.of("node", run.rehearsal().nodeFolder().resolve(script).toString()));
        if (phase != null) {
            command.add(phase);
        }
        return StepProcess.run(command, workspace, js, log) == 0;
    }

    /** Outputs of the step, with GITHUB_ENV, GITHUB_PATH and the summary applied; null when a file is malformed. */
    private Map<String, String> applyFileCommands(StepFiles stepFiles, Path log) {
        try {
            Map<String, String> outputs = FileCommands.read(stepFiles.output());
            exported.putAll(FileCommands.read(stepFiles.env()));
            for (String line : Files.readAllLines(stepFiles.path())) {
                if (!line.isBlank()) {
                    pathAdditions.add(0, line.strip());
                }
            }
            summary.append(Files.readString(stepFiles.summary(), StandardCharsets.UTF_8));
            return outputs;
        } catch (IOException | IllegalArgumentException e) {
            note(log, "invalid file command: " + e.getMessage());
            return null;
        }
    }

    private void finish(WorkflowFile.Step step, String name, String phase, String outcome, Path log,
                        Map<String, String> outputs) {
        if (outcome.equals("failure")) {
            failed = true;
        }
        if (phase.equals("main") && step.id() != null) {
            StrictMap ctx = (StrictMap) steps.get(step.id());
            ctx.put("outputs", new LinkedHashMap<String, Object>(outputs));
            ctx.put("outcome", outcome);
            ctx.put("conclusion", outcome);
        }
        records.add(new RunRecord.StepRecord(name, phase, step.uses(), step.run(), outcome, log));
        run.reportStep(name, outcome, log);
    }

    // ---- environment and contexts

    private Map<String, String> env(WorkflowFile.Step step, StepFiles stepFiles) {
        Expr.Scope scope = scope();
        Map<String, String> env = new LinkedHashMap<>(run.rehearsal().hostEnv());
        run.workflow().env().forEach((k, v) -> env.put(k, Templates.interpolate(v, scope)));
        job.env().forEach((k, v) -> env.put(k, Templates.interpolate(v, scope)));
        env.putAll(exported);
        step.env().forEach((k, v) -> env.put(k, Templates.interpolate(v, scope)));
        env.putAll(run.defaultEnv(job, workspace, temp));
        env.put("GITHUB_ACTION", step.id() != null ? step.id() : "__step" + (step.index() + 1));
        env.put("GITHUB_OUTPUT", stepFiles.output().toString());
        env.put("GITHUB_ENV", stepFiles.env().toString());
        env.put("GITHUB_PATH", stepFiles.path().toString());
        env.put("GITHUB_STEP_SUMMARY", stepFiles.summary().toString());
        env.put("GITHUB_STATE", stepFiles.state().toString());
        List<String> path = new ArrayList<>(pathAdditions);
        path.add(0, run.rehearsal().bin().toString());
        path.add(env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("PATH", String.join(":", path));
        return env;
    }

    private Expr.Scope scope() {
        return new Expr.Scope() {
            @Override
            public Object context(String name) {
                return switch (name) {
                    case "github" -> run.github(job, workspace);
                    case "needs" -> needs;
                    case "steps" -> steps;
                    case "secrets" -> run.secrets();
                    case "runner" -> run.runner(temp);
                    case "matrix" -> {
                        if (matrix == null) {
                            throw new RehearsalException("job " + job.id() + " reads the matrix context but has no matrix");
                        }
                        yield matrix;
                    }
                    default -> throw new RehearsalException("context " + name + " is not played by the rehearsal");
                };
            }

            @Override
            public boolean status(String function) {
                return switch (function) {
                    case "success" -> !failed;
                    case "failure" -> failed;
                    default -> false; // cancelled(): nothing is ever cancelled here
                };
            }
        };
    }

    /** Paths under ~ are the runner's tool caches; the toolkit would archive this machine's home, so they are not played. */
    private static boolean isToolCache(WorkflowFile.Step step) {
        List<String> paths = step.with().getOrDefault("path", "").lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        long underHome = paths.stream().filter(p -> p.startsWith("~")).count();
        if (underHome > 0 && underHome < paths.size()) {
            throw new RehearsalException(step.displayName() + ": an actions/cache step mixing paths under ~ with"
                + " workspace paths is not played by the rehearsal: " + paths);
        }
        return !paths.isEmpty() && underHome == paths.size();
    }

    private static String fileName(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    private static void note(Path log, String text) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "[rehearsal] " + text + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
