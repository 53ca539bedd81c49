package rehearsal;

import fakes.FakeCacheService;
import fakes.FakeGitHubApi;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stand-in for GitHub that rehearsed runs share: the workflow file, one fake cache service
 * (so a second run finds what the first saved), one fake Releases API, fresh run ids, and a bin
 * folder whose {@code jbang} is the project's wrapper. {@link #dispatch} runs the workflow once,
 * or another workflow of the project (the keep-alive) against the same fakes (docs/workflow.md,
 * "The rehearsal").
 * <pre>{@code
 * try (Rehearsal r = Rehearsal.start(Fixtures.checkout(), workFolder, System.out)) {
 *     RunRecord cold = r.dispatch("cold", registryFile, Map.of());
 *     RunRecord warm = r.dispatch("warm", registryFile, Map.of("tag", "v1"));
 * }
 * }</pre>
 */
public final class Rehearsal implements AutoCloseable {
    public static final String REPOSITORY = "rehearsal/deadzone-pack";
    public static final String WORKFLOW = ".github/workflows/scrape-pack.yml";
    public static final String KEEPALIVE_WORKFLOW = ".github/workflows/cache-keepalive.yml";

    private final Path projectRoot;
    private final Path home;
    private final Path bin;
    private final WorkflowFile workflow;
    private final PrintStream out;
    private final String runtimeToken = secret("runtime");
    private final String githubToken = secret("ghs");
    private final FakeCacheService cache;
    private final FakeGitHubApi github;
    private final long firstRunId;
    private int runs;

    private Rehearsal(Path projectRoot, Path workflowFile, Path home, PrintStream out) throws IOException {
        this.projectRoot = projectRoot;
        this.workflow = WorkflowFile.load(workflowFile);
        this.home = home;
        this.out = out;
        this.bin = home.resolve("bin");
        Files.createDirectories(bin);
        Path jbang = bin.resolve("jbang");
        Files.deleteIfExists(jbang);
        Files.createSymbolicLink(jbang, projectRoot.resolve("jbang"));
        // Distinct from any earlier rehearsal's, so a restored state.yaml never claims this run.
        this.firstRunId = System.currentTimeMillis();
        this.cache = FakeCacheService.start(runtimeToken);
        FakeGitHubApi api;
        try {
            api = FakeGitHubApi.start(githubToken, REPOSITORY);
        } catch (IOException | RuntimeException e) {
            cache.close();
            throw e;
        }
        this.github = api;
    }

    /** Reads {@value #WORKFLOW} of {@code projectRoot}; runs live under {@code home}; progress goes to {@code out}. */
    public static Rehearsal start(Path projectRoot, Path home, PrintStream out) {
        return start(projectRoot, projectRoot.resolve(WORKFLOW), home, out);
    }

    /** As {@link #start(Path, Path, PrintStream)} with another workflow file (tests of drift use an edited copy). */
    public static Rehearsal start(Path projectRoot, Path workflowFile, Path home, PrintStream out) {
        try {
            return new Rehearsal(projectRoot.toAbsolutePath(), workflowFile, home.toAbsolutePath(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not set the rehearsal up in " + home, e);
        }
    }

    /** Runs the whole workflow once, as a workflow_dispatch with {@code inputs}, on {@code registry}. */
    public RunRecord dispatch(String label, Path registry, Map<String, String> inputs) {
        return dispatch(label, workflow, registry, inputs);
    }

    /**
     * Runs another workflow of the project (its path relative to the project, such as
     * {@value #KEEPALIVE_WORKFLOW}) against the same fakes, so it sees what earlier runs cached.
     */
    public RunRecord dispatch(String label, String workflowPath, Path registry, Map<String, String> inputs) {
        return dispatch(label, WorkflowFile.load(projectRoot.resolve(workflowPath)), registry, inputs);
    }

    private RunRecord dispatch(String label, WorkflowFile file, Path registry, Map<String, String> inputs) {
        runs++;
        String runId = String.valueOf(firstRunId + runs);
        Path folder = home.resolve(String.format("run-%d-%s", runs, label.replaceAll("[^A-Za-z0-9_-]", "_")));
        return new WorkflowRun(this, file, label, runId, runs, folder, registry.toAbsolutePath(), inputs).execute();
    }

    public FakeCacheService cache() {
        return cache;
    }

    public FakeGitHubApi github() {
        return github;
    }

    public WorkflowFile workflow() {
        return workflow;
    }

    public Path home() {
        return home;
    }

    // ---- for the runs

    Path projectRoot() {
        return projectRoot;
    }

    Path bin() {
        return bin;
    }

    PrintStream out() {
        return out;
    }

    String githubToken() {
        return githubToken;
    }

    Path nodeFolder() {
        return NodeToolkit.folder(projectRoot);
    }

    /** This machine's environment without anything a real runner or workflow would set. */
    Map<String, String> hostEnv() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("ACTIONS_") || k.startsWith("RUNNER_")
            || k.startsWith("INPUT_") || k.startsWith("STATE_") || k.equals("CI"));
        return env;
    }

    /** What the runner gives JavaScript actions only: the cache service and its credentials. */
    Map<String, String> javaScriptActionEnv() {
        return Map.of("ACTIONS_RUNTIME_TOKEN", runtimeToken, "ACTIONS_RESULTS_URL", cache.resultsUrl(),
            "ACTIONS_CACHE_SERVICE_V2", "True");
    }

    @Override
    public void close() {
        cache.close();
        github.close();
        try {
            Files.deleteIfExists(bin.resolve("jbang")); // the link, never its target
        } catch (IOException e) {
            out.println("could not remove " + bin.resolve("jbang") + ": " + e.getMessage());
        }
    }

    private static String secret(String prefix) {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return prefix + "_rehearsal_" + HexFormat.of().formatHex(bytes);
    }
}
