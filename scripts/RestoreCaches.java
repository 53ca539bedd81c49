///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/ModelPin.java ../shared/deadzone/artifact/PipelineVersion.java
//SOURCES ../shared/deadzone/artifact/Schema.java ../shared/deadzone/artifact/ScrapeState.java
//SOURCES ../shared/deadzone/artifact/SkippedUrl.java ../shared/deadzone/artifact/StateFile.java
//SOURCES ../shared/deadzone/cache/CacheAccessDenied.java ../shared/deadzone/cache/CacheArchive.java
//SOURCES ../shared/deadzone/cache/CacheCredentials.java ../shared/deadzone/cache/CacheRestorer.java
//SOURCES ../shared/deadzone/cache/CacheServiceClient.java ../shared/deadzone/cache/CacheServiceException.java
//SOURCES ../shared/deadzone/cache/CacheVersion.java ../shared/deadzone/cache/Folders.java
//SOURCES ../shared/deadzone/cache/RestoreReport.java ../shared/deadzone/cache/RestoreResult.java
//SOURCES ../shared/deadzone/cache/RestoreStatus.java ../shared/deadzone/cache/UnsafeArchiveException.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/registry/MatrixJson.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/StepSummary.java ../shared/deadzone/util/Trees.java

import deadzone.artifact.ArtifactLayout;
import deadzone.cache.CacheCredentials;
import deadzone.cache.CacheRestorer;
import deadzone.cache.CacheServiceClient;
import deadzone.cache.RestoreReport;
import deadzone.cache.RestoreResult;
import deadzone.cli.Cli;
import deadzone.cli.LogOptions;
import deadzone.error.UserException;
import deadzone.log.Log;
import deadzone.registry.MatrixJson;
import deadzone.util.RunContext;
import deadzone.util.StepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--artifacts", defaultValue = ArtifactLayout.DEFAULT_FOLDER, paramLabel = "DIR",
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

    private final RunContext context;

    public RestoreCaches() {
        this(RunContext.process());
    }

    /** Tests pass their own environment, working folder and sleeper. */
    public RestoreCaches(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (parallel < 1) {
            throw new UserException("--parallel must be at least 1, not " + parallel);
        }
        Path ws = workspace();
        List<MatrixJson.Slot> slots = readSlots();
        CacheRestorer.validate(slots);
        CacheCredentials credentials = CacheCredentials.fromEnv(context.env());
        Path artifactsDir = ws.resolve(artifacts).normalize();
        Path reportFile = report == null ? artifactsDir.resolve("restore-report.json") : ws.resolve(report);
        String runId = context.runId();

        Log.info("restore_start", "entries", slots.size(), "artifacts", artifactsDir.toString(), "parallel", parallel);
        List<RestoreResult> results = new CacheRestorer(new CacheServiceClient(credentials, context.sleeper()), artifactsDir, runId)
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
        String fromEnv = context.env("GITHUB_WORKSPACE");
        Path ws = workspace != null ? context.workDir().resolve(workspace)
            : fromEnv != null ? Path.of(fromEnv) : context.workDir();
        ws = ws.toAbsolutePath().normalize();
        if (!Files.isDirectory(ws)) {
            throw new UserException("workspace " + ws + " is not a folder (set --workspace or GITHUB_WORKSPACE)");
        }
        return ws;
    }

    private List<MatrixJson.Slot> readSlots() throws IOException {
        String json;
        try {
            json = "-".equals(libs) ? new String(context.stdin().readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(context.workDir().resolve(libs), StandardCharsets.UTF_8);
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
            StepSummary.append(context.env(), summary);
        } catch (IOException e) {
            Log.warn("step_summary", "could not append to GITHUB_STEP_SUMMARY: " + e.getMessage());
        }
    }

    public static void main(String... args) {
        Cli.main(new RestoreCaches(), args);
    }
}
