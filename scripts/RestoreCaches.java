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
//SOURCES ../shared/deadzone/cache/CacheToucher.java ../shared/deadzone/cache/CacheVersion.java
//SOURCES ../shared/deadzone/cache/DownloadLimits.java ../shared/deadzone/cache/ExtractLimits.java
//SOURCES ../shared/deadzone/cache/Folders.java ../shared/deadzone/cache/PacedCopy.java
//SOURCES ../shared/deadzone/cache/RestoreReport.java ../shared/deadzone/cache/RestoreResult.java
//SOURCES ../shared/deadzone/cache/RestoreStatus.java ../shared/deadzone/cache/SlotPool.java
//SOURCES ../shared/deadzone/cache/TouchReport.java ../shared/deadzone/cache/UnsafeArchiveException.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/ListLibsInput.java
//SOURCES ../shared/deadzone/cli/LogOptions.java
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
import deadzone.cache.CacheToucher;
import deadzone.cache.DownloadLimits;
import deadzone.cache.ExtractLimits;
import deadzone.cache.RestoreReport;
import deadzone.cache.RestoreResult;
import deadzone.cache.TouchReport;
import deadzone.cli.Cli;
import deadzone.cli.ListLibsInput;
import deadzone.cli.LogOptions;
import deadzone.error.RunFailure;
import deadzone.error.UserException;
import deadzone.log.Log;
import deadzone.registry.MatrixJson;
import deadzone.util.RunContext;
import deadzone.util.StepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "RestoreCaches", mixinStandardHelpOptions = true, version = "RestoreCaches (deadzone-pack)",
    description = {"The fan-in: restores every ListLibs slot's artifact cache from the GitHub",
        "Actions cache service v2 into <artifacts>/<slug>/ (its cache_key, else the",
        "newest artifact-<slug>- entry, reported stale), writes a JSON report and prints a",
        "summary table to stderr (also appended to $GITHUB_STEP_SUMMARY).",
        "Needs ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL: a JS step must expose them.",
        "With --touch-only it downloads nothing: it looks every entry up (which keeps it from",
        "GitHub's 7-day eviction) and prints a hit/miss table instead.",
        "Exit 0 when it ran, even with failed entries (with --touch-only: 1 when no entry's",
        "exact key was found); 2 on usage or credential errors."})
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

    @Option(names = "--touch-only", description = "Keep the entries alive: look each one up (exact key, then restore key),"
        + " download nothing, print the hit/miss table; --report, when given, gets it as JSON.")
    boolean touchOnly;
    @Option(names = "--max-extract-mib", defaultValue = "" + ExtractLimits.DEFAULT_MAX_MIB, paramLabel = "N",
        description = "An archive that expands to more MiB than this is refused (default: ${DEFAULT-VALUE}).")
    long maxExtractMib;

    @Option(names = "--max-extract-entries", defaultValue = "" + ExtractLimits.DEFAULT_MAX_ENTRIES, paramLabel = "N",
        description = "An archive with more entries than this is refused (default: ${DEFAULT-VALUE}).")
    int maxExtractEntries;

    @Option(names = "--download-timeout", defaultValue = "900", paramLabel = "SECONDS",
        description = "One archive's download, all attempts together (default: ${DEFAULT-VALUE}); "
            + "a body slower than 32 KiB/s for 30 s is dropped and retried.")
    long downloadTimeout;

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
        if (maxExtractMib < 1 || maxExtractMib > Long.MAX_VALUE >> 20 || maxExtractEntries < 1 || downloadTimeout < 1
            || downloadTimeout > Duration.ofDays(7).toSeconds()) {
            throw new UserException("--max-extract-mib, --max-extract-entries and --download-timeout must be at least 1 (and --download-timeout at most a week)");
        }
        ExtractLimits extract = new ExtractLimits(maxExtractMib << 20, maxExtractEntries);
        DownloadLimits download = DownloadLimits.DEFAULTS.withDeadline(Duration.ofSeconds(downloadTimeout))
            .withMaxBytes(extract.maxBytes());
        if (touchOnly) {
            return touch();
        }
        Path ws = workspace();
        List<MatrixJson.Slot> slots = readSlots();
        CacheRestorer.validate(slots);
        CacheCredentials credentials = CacheCredentials.fromEnv(context.env());
        Path artifactsDir = ws.resolve(artifacts).normalize();
        Path reportFile = report == null ? artifactsDir.resolve("restore-report.json") : ws.resolve(report);
        String runId = context.runId();

        Log.info("restore_start", "entries", slots.size(), "artifacts", artifactsDir.toString(), "parallel", parallel);
        List<RestoreResult> results = new CacheRestorer(new CacheServiceClient(credentials, context.sleeper(), download),
            artifactsDir, runId, extract).restoreAll(slots, parallel);
        RestoreReport restoreReport = new RestoreReport(runId, results);
        restoreReport.write(reportFile);

        String summary = restoreReport.markdown();
        System.err.print(summary);
        System.err.flush();
        appendStepSummary(summary);
        Log.info("restore_done", "report", reportFile.toString(), "totals", restoreReport.totalsLine());
        return 0;
    }

    /** The keep-alive: every slot looked up, nothing downloaded or written but the table (and --report). */
    private int touch() throws IOException, InterruptedException {
        List<MatrixJson.Slot> slots = readSlots();
        CacheRestorer.validate(slots);
        CacheCredentials credentials = CacheCredentials.fromEnv(context.env());
        Log.info("touch_start", "entries", slots.size(), "parallel", parallel);
        TouchReport touched = new TouchReport(new CacheToucher(new CacheServiceClient(credentials, context.sleeper()))
            .touchAll(slots, parallel));
        if (report != null) {
            touched.write(workspace().resolve(report));
        }
        String summary = touched.markdown();
        System.err.print(summary);
        System.err.flush();
        appendStepSummary(summary);
        Log.info("touch_done", "totals", touched.totalsLine());
        if (touched.everyEntryMissed()) {
            throw new RunFailure("none of the " + slots.size() + " entries' cache keys was found (" + touched.totalsLine()
                + "): the keys ListLibs gives drifted from the ones scrape-pack saved (a pipeline or model bump, another"
                + " cache path), or scrape-pack never ran on this branch; run scrape-pack to fill the caches");
        }
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
        return ListLibsInput.read(libs, context);
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
