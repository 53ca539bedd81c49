package rehearsal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One dispatch of the workflow: its jobs in order, each decided by its {@code if:} against the
 * results and outputs of the jobs it needs, matrix jobs expanded into one {@link JobRun} per
 * slot (one after the other; fail-fast honoured), and the summary gathered.
 */
final class WorkflowRun {
    private static final int LOG_TAIL = 30;

    private final Rehearsal rehearsal;
    private final WorkflowFile workflow;
    private final String label;
    private final String runId;
    private final int runNumber;
    private final Path folder;
    private final Path registry;
    private final StrictMap inputs;
    private final Path eventFile;

    WorkflowRun(Rehearsal rehearsal, WorkflowFile workflow, String label, String runId, int runNumber, Path folder,
                Path registry, Map<String, String> given) {
        this.rehearsal = rehearsal;
        this.workflow = workflow;
        this.label = label;
        this.runId = runId;
        this.runNumber = runNumber;
        this.folder = folder;
        this.registry = registry;
        this.inputs = new StrictMap("github.event.inputs");
        for (WorkflowFile.Input input : workflow.inputs()) {
            inputs.put(input.name(), given.getOrDefault(input.name(), input.defaultValue()));
        }
        for (String name : given.keySet()) {
            if (!inputs.containsKey(name)) {
                throw new RehearsalException("the workflow declares no input '" + name + "' (it has " + inputs.keySet() + ")");
            }
        }
        this.eventFile = folder.resolve("event.json");
        try {
            Files.createDirectories(folder);
            Files.writeString(eventFile, ExprValues.toJson(Map.of("inputs", inputs)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RunRecord execute() {
        out().println("== " + label + ": GITHUB_RUN_ID=" + runId + ", inputs " + inputs);
        Map<String, String> results = new LinkedHashMap<>();
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        List<RunRecord.JobRecord> records = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (WorkflowFile.Job job : workflow.jobs()) {
            StrictMap needs = needs(job, results, outputs);
            Expr.Scope scope = jobScope(job, needs);
            Expr condition = Templates.condition(job.condition() == null ? "success()" : job.condition());
            if (!ExprValues.truthy(condition.eval(scope))) {
                out().println("  " + job.displayName() + ": skipped");
                results.put(job.id(), "skipped");
                Map<String, String> none = new LinkedHashMap<>();
                job.outputs().keySet().forEach(k -> none.put(k, ""));
                outputs.put(job.id(), none);
                continue;
            }
            List<StrictMap> slots = expand(job, scope);
            String result = "success";
            Map<String, String> jobOutputs = new LinkedHashMap<>();
            if (slots.isEmpty()) {
                out().println("  " + job.displayName() + ": the matrix has no entries (GitHub fails such a job)");
                result = "failure";
            }
            boolean cancelRest = false;
            for (int i = 0; i < slots.size(); i++) {
                StrictMap matrix = slots.get(i);
                String slot = matrix == null ? "" : slotName(matrix, i);
                if (cancelRest) {
                    out().println("  " + job.displayName() + " [" + slot + "]: cancelled (fail-fast)");
                    continue;
                }
                Path dir = folder.resolve("jobs").resolve(job.id() + (matrix == null ? "" : "-" + (i + 1) + "-" + slot));
                JobRun jobRun = new JobRun(this, job, matrix, needs, slot, dir);
                RunRecord.JobRecord record = jobRun.execute();
                records.add(record);
                summary.append(jobRun.summary());
                jobOutputs = record.outputs();
                if (record.result().equals("failure")) {
                    result = "failure";
                    cancelRest = job.failFast();
                }
            }
            results.put(job.id(), result);
            outputs.put(job.id(), jobOutputs);
        }
        out().println("== " + label + ": " + results);
        return new RunRecord(label, runId, folder, List.copyOf(records), Map.copyOf(results), summary.toString());
    }

    // ---- what JobRun reads

    Rehearsal rehearsal() {
        return rehearsal;
    }

    WorkflowFile workflow() {
        return workflow;
    }

    Path registry() {
        return registry;
    }

    PrintStream out() {
        return rehearsal.out();
    }

    /** The github context of a job; {@code workspace} is its GITHUB_WORKSPACE. */
    StrictMap github(WorkflowFile.Job job, Path workspace) {
        StrictMap event = new StrictMap("github.event");
        event.put("inputs", inputs);
        StrictMap github = new StrictMap("github");
        github.put("event", event);
        github.put("event_name", "workflow_dispatch");
        github.put("run_id", runId);
        github.put("run_number", String.valueOf(runNumber));
        github.put("run_attempt", "1");
        github.put("repository", Rehearsal.REPOSITORY);
        github.put("repository_owner", Rehearsal.REPOSITORY.substring(0, Rehearsal.REPOSITORY.indexOf('/')));
        github.put("token", rehearsal.githubToken());
        github.put("workspace", workspace.toString());
        github.put("job", job.id());
        github.put("ref", "refs/heads/main");
        github.put("ref_name", "main");
        github.put("sha", "0".repeat(40));
        github.put("actor", "rehearsal");
        github.put("server_url", "https://github.com");
        github.put("api_url", rehearsal.github().url());
        return github;
    }

    StrictMap secrets() {
        StrictMap secrets = new StrictMap("secrets");
        secrets.put("GITHUB_TOKEN", rehearsal.githubToken());
        return secrets;
    }

    StrictMap runner(Path temp) {
        StrictMap runner = new StrictMap("runner");
        runner.put("os", "Linux");
        runner.put("arch", "X64");
        runner.put("name", "rehearsal");
        runner.put("temp", temp.toString());
        return runner;
    }

    /** The variables the runner sets for every step (they cannot be overridden by env:). */
    Map<String, String> defaultEnv(WorkflowFile.Job job, Path workspace, Path temp) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_WORKFLOW", workflow.path().getFileName().toString());
        env.put("GITHUB_RUN_ID", runId);
        env.put("GITHUB_RUN_NUMBER", String.valueOf(runNumber));
        env.put("GITHUB_RUN_ATTEMPT", "1");
        env.put("GITHUB_JOB", job.id());
        env.put("GITHUB_REPOSITORY", Rehearsal.REPOSITORY);
        env.put("GITHUB_REPOSITORY_OWNER", Rehearsal.REPOSITORY.substring(0, Rehearsal.REPOSITORY.indexOf('/')));
        env.put("GITHUB_EVENT_NAME", "workflow_dispatch");
        env.put("GITHUB_EVENT_PATH", eventFile.toString());
        env.put("GITHUB_WORKSPACE", workspace.toString());
        // github.com, as on hosted runners: another host would make the cache toolkit pick its v1 protocol.
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_API_URL", rehearsal.github().url());
        env.put("GITHUB_REF", "refs/heads/main");
        env.put("GITHUB_REF_NAME", "main");
        env.put("GITHUB_SHA", "0".repeat(40));
        env.put("GITHUB_ACTOR", "rehearsal");
        env.put("RUNNER_OS", "Linux");
        env.put("RUNNER_ARCH", "X64");
        env.put("RUNNER_NAME", "rehearsal");
        env.put("RUNNER_TEMP", temp.toString());
        return env;
    }

    /** Prints one step's outcome; a failed step's log tail and every step's ::error/::warning lines. */
    void reportStep(String name, String outcome, Path log) {
        out().printf("    %-8s %s%n", outcome, name);
        if (log == null || !Files.isRegularFile(log)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (outcome.equals("failure")) {
                out().println("      --- last lines of " + log);
                lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size()).forEach(l -> out().println("      | " + l));
            } else {
                lines.stream().filter(l -> l.startsWith("::error") || l.startsWith("::warning"))
                    .forEach(l -> out().println("      ! " + l));
            }
        } catch (IOException e) {
            out().println("      (could not read " + log + ": " + e.getMessage() + ")");
        }
    }

    // ---- job-level decisions

    private StrictMap needs(WorkflowFile.Job job, Map<String, String> results, Map<String, Map<String, String>> outputs) {
        StrictMap needs = new StrictMap("needs");
        for (String id : job.needs()) {
            StrictMap need = new StrictMap("needs." + id);
            need.put("result", results.get(id));
            need.put("outputs", new StrictMap("needs." + id + ".outputs", outputs.get(id)));
            needs.put(id, need);
        }
        return needs;
    }

    private Expr.Scope jobScope(WorkflowFile.Job job, StrictMap needs) {
        return new Expr.Scope() {
            @Override
            public Object context(String name) {
                return switch (name) {
                    case "github" -> github(job, folder);
                    case "needs" -> needs;
                    default -> throw new RehearsalException("job " + job.id() + ": context " + name
                        + " is not available in a job's if: or strategy (GitHub refuses it too)");
                };
            }

            @Override
            public boolean status(String function) {
                return switch (function) {
                    case "success" -> needs.values().stream().allMatch(n -> "success".equals(((StrictMap) n).get("result")));
                    case "failure" -> needs.values().stream().anyMatch(n -> "failure".equals(((StrictMap) n).get("result")));
                    default -> false;
                };
            }
        };
    }

    /** The matrix slots, in order (the product of the dimensions); one null slot for a job without a matrix. */
    private List<StrictMap> expand(WorkflowFile.Job job, Expr.Scope scope) {
        List<StrictMap> slots = new ArrayList<>();
        if (job.matrix().isEmpty()) {
            slots.add(null);
            return slots;
        }
        slots.add(new StrictMap("matrix"));
        for (Map.Entry<String, Object> dim : job.matrix().entrySet()) {
            Object values = dim.getValue() instanceof String s ? Templates.value(s, scope) : ExprValues.normalise(dim.getValue());
            if (!(values instanceof List<?> list)) {
                throw new RehearsalException("job " + job.id() + ": matrix " + dim.getKey() + " is not a list: "
                    + ExprValues.abbreviate(String.valueOf(values)));
            }
            List<StrictMap> next = new ArrayList<>();
            for (StrictMap slot : slots) {
                for (Object value : list) {
                    StrictMap s = new StrictMap("matrix", slot);
                    s.put(dim.getKey(), strict(value, "matrix." + dim.getKey()));
                    next.add(s);
                }
            }
            slots = next;
        }
        return slots;
    }

    @SuppressWarnings("unchecked")
    private static Object strict(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            StrictMap s = new StrictMap(path);
            ((Map<String, Object>) map).forEach((k, v) -> s.put(k, strict(v, path + "." + k)));
            return s;
        }
        return value;
    }

    /** How a slot is named in folders and output: an entry's slug when it has one, else its values. */
    private static String slotName(StrictMap matrix, int index) {
        List<String> parts = new ArrayList<>();
        for (Object v : matrix.values()) {
            if (v instanceof Map<?, ?> m) {
                parts.add(m.containsKey("slug") ? ExprValues.text(m.get("slug")) : "#" + (index + 1));
            } else {
                parts.add(ExprValues.text(v));
            }
        }
        return String.join(",", parts).replaceAll("[^A-Za-z0-9._,#-]", "_");
    }
}
