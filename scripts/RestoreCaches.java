///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/PipelineVersion.java
//SOURCES ../shared/deadzone/cache/ArtifactState.java ../shared/deadzone/cache/CacheAccessDenied.java
//SOURCES ../shared/deadzone/cache/CacheArchive.java ../shared/deadzone/cache/CacheCredentials.java
//SOURCES ../shared/deadzone/cache/CacheRestorer.java ../shared/deadzone/cache/CacheServiceClient.java
//SOURCES ../shared/deadzone/cache/CacheServiceException.java ../shared/deadzone/cache/CacheVersion.java
//SOURCES ../shared/deadzone/cache/Folders.java ../shared/deadzone/cache/RestoreReport.java
//SOURCES ../shared/deadzone/cache/RestoreResult.java ../shared/deadzone/cache/RestoreStatus.java
//SOURCES ../shared/deadzone/cache/UnsafeArchiveException.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/embed/EmbedderIdentity.java ../shared/deadzone/embed/ModelPin.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/registry/Kind.java ../shared/deadzone/registry/MatrixJson.java
//SOURCES ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/store/StateFile.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/StepSummary.java ../shared/deadzone/util/Trees.java

import deadzone.util.Sleeper;
import deadzone.cache.CacheCredentials;
import deadzone.cache.CacheRestorer;
import deadzone.cache.CacheServiceClient;
import deadzone.cache.RestoreReport;
import deadzone.cache.RestoreResult;
import deadzone.cli.Cli;
import deadzone.cli.LogOptions;
import deadzone.error.UserException;
import deadzone.log.Log;
import deadzone.util.StepSummary;
import deadzone.registry.MatrixJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "RestoreCaches", mixinStandardHelpOptions = true, version = "RestoreCaches (deadzone-pack)",
    description = {"The fan-in: restores every ListLibs slot's artifact cache from the GitHub",
        "Actions cache service v2 into <artifacts>/<slug>/ (its cache_key, else the",
        "newest artifact-<slug>- entry, reported stale), writes a JSON report and prints a",
        "summary table to stderr (also appended to $GITHUB_STEP_SUMMARY).",
        "Needs ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL: a JS step must expose them.",
        "Exit 0 when it ran, even with failed entries; 2 on usage or credential errors."})
public class RestoreCaches implements Callable<Integer> {
    @Option(names = "--libs", required = true, paramLabel = "FILE|-",
        description = "ListLibs output (flat or batched); - reads stdin.")
    String libs;

    @Option(names = "--artifacts", defaultValue = "artifacts", paramLabel = "DIR",
        description = "Where artifacts go, relative to the workspace (default: ${DEFAULT-VALUE}).")
    Path artifacts;

    @Option(names = "--workspace", paramLabel = "DIR",
        description = "The workspace archive names are relative to (default: $GITHUB_WORKSPACE, else the current folder).")
    Path workspace;

    @Option(names = "--report", paramLabel = "FILE",
        description = "The JSON report, relative to the workspace (default: <artifacts>/restore-report.json).")
    Path report;

    @Option(names = "--parallel", defaultValue = "4", paramLabel = "N",
        description = "Restores at a time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Mixin
    LogOptions logOptions;

    private final Map<String, String> env;
    private final Sleeper sleeper;

    public RestoreCaches() {
        this(System.getenv(), Sleeper.REAL);
    }

    /** Tests pass their own environment and a sleeper that does not wait. */
    RestoreCaches(Map<String, String> env, Sleeper sleeper) {
        this.env = env;
        this.sleeper = sleeper;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (parallel < 1) {
            throw new UserException("--parallel must be at least 1, not " + parallel);
        }
        Path ws = workspace();
        List<MatrixJson.Slot> slots = readSlots();
        CacheRestorer.validate(slots);
        CacheCredentials credentials = CacheCredentials.fromEnv(env);
        Path artifactsDir = ws.resolve(artifacts).normalize();
        Path reportFile = report == null ? artifactsDir.resolve("restore-report.json") : ws.resolve(report);
        String runId = env.getOrDefault("GITHUB_RUN_ID", "");

        Log.info("restore_start", "entries", slots.size(), "artifacts", artifactsDir.toString(), "parallel", parallel);
        List<RestoreResult> results = new CacheRestorer(new CacheServiceClient(credentials, sleeper), artifactsDir, runId)
            .restoreAll(slots, parallel);
        RestoreReport restoreReport = new RestoreReport(runId, results);
        restoreReport.write(reportFile);

        String summary = restoreReport.markdown();
        System.err.print(summary);
        System.err.flush();
        appendStepSummary(summary);
        Log.info("restore_done", "report", reportFile.toString(), "totals", restoreReport.totalsLine());
        return 0;
    }

    private Path workspace() {
        String fromEnv = env.get("GITHUB_WORKSPACE");
        Path ws = workspace != null ? workspace
            : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of("");
        ws = ws.toAbsolutePath().normalize();
        if (!Files.isDirectory(ws)) {
            throw new UserException("workspace " + ws + " is not a folder (set --workspace or GITHUB_WORKSPACE)");
        }
        return ws;
    }

    private List<MatrixJson.Slot> readSlots() throws IOException {
        String json;
        try {
            json = "-".equals(libs) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(libs), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserException("--libs " + libs + ": no such file; pass the output of ListLibs");
        }
        try {
            return MatrixJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new UserException("--libs " + libs + ": " + e.getMessage() + "; pass the output of ListLibs");
        }
    }

    private void appendStepSummary(String summary) {
        try {
            StepSummary.append(env, summary);
        } catch (IOException e) {
            Log.warn("step_summary", "could not append to GITHUB_STEP_SUMMARY: " + e.getMessage());
        }
    }

    public static void main(String... args) {
        Cli.main(new RestoreCaches(), args);
    }
}
