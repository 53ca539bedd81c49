//SOURCES ../scripts/RestoreCaches.java
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
//SOURCES ../tools/fakes/FakeCacheService.java
//SOURCES support/CacheArchives.java support/CliRun.java support/FileTrees.java support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.artifact.ModelPin;
import deadzone.artifact.PipelineVersion;
import deadzone.cache.CacheVersion;
import deadzone.util.Json;
import deadzone.util.RunContext;
import fakes.FakeCacheService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CacheArchives;
import support.CliRun;
import support.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RestoreCaches end to end against the fake service, with archives built in the test (no node needed). */
class RestoreCachesTest {
    static final String TOKEN = "restore-test-token-91d0";

    @TempDir
    Path workspace;
    FakeCacheService fake;
    Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        fake = FakeCacheService.start(TOKEN);
        env.put("ACTIONS_RUNTIME_TOKEN", TOKEN);
        env.put("ACTIONS_RESULTS_URL", fake.resultsUrl());
        env.put("GITHUB_RUN_ID", "900");
        Files.writeString(workspace.resolve("outside.txt"), "keep me");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void missingTokenIsOneLineNamingTheVariableAndExit2() throws IOException {
        env.remove("ACTIONS_RUNTIME_TOKEN");
        CliRun run = run(libs(slot("/acme/good", "", "f1")));
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().lines().count(), run.toString());
        assertTrue(run.errorLines().contains("ACTIONS_RUNTIME_TOKEN is not set"), run.toString());
        assertTrue(run.errorLines().contains("JS step"), run.toString());
        assertFalse(Files.exists(workspace.resolve("artifacts/restore-report.json")));
        assertTrue(fake.requests().isEmpty());
    }

    @Test
    void missingResultsUrlIsExit2() throws IOException {
        env.remove("ACTIONS_RESULTS_URL");
        CliRun run = run(libs(slot("/acme/good", "", "f1")));
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.errorLines().contains("ACTIONS_RESULTS_URL is not set"), run.toString());
    }

    @Test
    void badLibsInputIsExit2() throws IOException {
        Path notJson = Files.writeString(workspace.resolve("libs.json"), "{\"not\": \"a list\"}");
        CliRun run = CliRun.run(new RestoreCaches(RunContext.of(env, d -> { })), "--libs", notJson.toString(),
            "--workspace", workspace.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.errorLines().contains("pass the output of ListLibs"), run.toString());

        CliRun missing = CliRun.run(new RestoreCaches(RunContext.of(env, d -> { })), "--libs", workspace.resolve("nope.json").toString(),
            "--workspace", workspace.toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.errorLines().contains("no such file"), missing.toString());

        CliRun twice = run(libs(slot("/acme/good", "", "f1"), slot("/acme/good", "", "f2")));
        assertEquals(2, twice.exitCode(), twice.toString());
        assertTrue(twice.errorLines().contains("appears twice"), twice.toString());
    }

    /** An older entry from before a pipeline bump could not be merged: it is failed, never installed. */
    @Test
    void anOlderEntryOfAnotherPipelineIsFailedNotRestored() throws IOException {
        String current = "pipeline_version: " + PipelineVersion.PIPELINE + "\nschema_version: "
            + PipelineVersion.SCHEMA + "\nembedder: '" + ModelPin.DEFAULT.canonical() + "'\n";
        fake.store("artifact-acme_old-aaaa", CacheVersion.of("artifacts/acme_old"), new CacheArchives()
            .dir("artifacts/acme_old", 0755)
            .file("artifacts/acme_old/state.yaml", "run_id: \"700\"\nchunk_count: 4\npipeline_version: 0\nschema_version: "
                + PipelineVersion.SCHEMA + "\n", 0644).build());
        fake.store("artifact-acme_fine-aaaa", CacheVersion.of("artifacts/acme_fine"), new CacheArchives()
            .dir("artifacts/acme_fine", 0755)
            .file("artifacts/acme_fine/state.yaml", "run_id: \"700\"\nchunk_count: 6\n" + current, 0644).build());
        CliRun run = run(libs(slot("/acme/old", "", "bbbb"), slot("/acme/fine", "", "bbbb")));
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = Json.MAPPER.readTree(workspace.resolve("artifacts/restore-report.json").toFile());
        assertEquals("failed", report.get("entries").get(0).get("status").asText());
        assertTrue(report.get("entries").get(0).get("reason").asText().contains("pipeline 0"), report.toString());
        assertFalse(Files.exists(workspace.resolve("artifacts/acme_old")), "nothing Consolidate would refuse is installed");
        assertEquals("stale", report.get("entries").get(1).get("status").asText());
        assertTrue(Files.isRegularFile(workspace.resolve("artifacts/acme_fine/state.yaml")));
    }

    @Test
    void readsDeniedByCacheModeStopTheRunWithExit2() throws IOException {
        fake.denyReads = true;
        CliRun run = run(libs(slot("/acme/good", "", "f1")));
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.errorLines().contains("cache read denied"), run.toString());
        assertFalse(run.stderr().contains(TOKEN));
    }

    @Test
    void craftedArchivesWriteNothingOutsideAndKeepThePreviousFolder() throws IOException {
        fake.store("artifact-acme_good-f1", CacheVersion.of("artifacts/acme_good"), new CacheArchives()
            .dir("artifacts/acme_good", 0755)
            .file("artifacts/acme_good/state.yaml", "run_id: \"900\"\nchunk_count: 3\n", 0644)
            .build());
        fake.store("artifact-acme_dotdot-f1", CacheVersion.of("artifacts/acme_dotdot"), evil("acme_dotdot")
            .file("../pwned", "x", 0644).build());
        fake.store("artifact-acme_absolute-f1", CacheVersion.of("artifacts/acme_absolute"), evil("acme_absolute")
            .file(workspace.resolve("pwned").toString(), "x", 0644).build());
        fake.store("artifact-acme_symlink-f1", CacheVersion.of("artifacts/acme_symlink"), evil("acme_symlink")
            .symlink("artifacts/acme_symlink/out", "../../outside.txt")
            .file("artifacts/acme_symlink/out", "overwritten", 0644).build());
        // An earlier restore of acme_good is here: the new one replaces it whole.
        Path earlier = Files.createDirectories(workspace.resolve("artifacts/acme_good"));
        Files.writeString(earlier.resolve("left-over.txt"), "from an earlier restore");
        // A good older artifact of acme_symlink is already here: a failed restore must leave it alone.
        Path previous = Files.createDirectories(workspace.resolve("artifacts/acme_symlink"));
        Files.writeString(previous.resolve("state.yaml"), "run_id: \"800\"\nchunk_count: 5\n");
        Map<String, String> previousTree = FileTrees.snapshot(previous);
        Path summary = workspace.resolve("summary.md");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());

        CliRun run = run(libs(slot("/acme/good", "", "f1"), slot("/acme/dotdot", "", "f1"),
            slot("/acme/absolute", "", "f1"), slot("/acme/symlink", "", "f1")), "--parallel", "2");

        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = Json.MAPPER.readTree(workspace.resolve("artifacts/restore-report.json").toFile());
        assertEquals("900", report.get("run_id").asText());
        assertEquals(List.of("scraped", "failed", "failed", "failed"), statuses(report));
        for (int i = 1; i <= 3; i++) {
            JsonNode e = report.get("entries").get(i);
            assertTrue(e.get("reason").asText().startsWith("refused the archive"), e.toString());
            assertTrue(e.get("matched_key").isNull(), e.toString());
            assertEquals(0, e.get("docs").asInt());
        }
        assertEquals(3, report.get("entries").get(0).get("docs").asInt());
        assertEquals("{\"scraped\":1,\"cached\":0,\"stale\":0,\"failed\":3}", report.get("totals").toString());

        assertEquals(previousTree, FileTrees.snapshot(previous), "the previous folder is untouched");
        assertEquals(List.of("", "state.yaml"), List.copyOf(FileTrees.snapshot(earlier).keySet()));
        assertEquals("keep me", Files.readString(workspace.resolve("outside.txt")));
        assertFalse(Files.exists(workspace.resolve("pwned")));
        assertFalse(Files.exists(workspace.getParent().resolve("pwned")));
        try (Stream<Path> left = Files.list(workspace.resolve("artifacts"))) {
            assertEquals(List.of("acme_good", "acme_symlink", "restore-report.json"),
                left.map(p -> p.getFileName().toString()).sorted().toList(), "no half-restored or temporary folder");
        }
        String table = "| lib | version | status | docs |\n| --- | --- | --- | ---: |\n"
            + "| /acme/good |  | scraped | 3 |\n| /acme/dotdot |  | failed | 0 |\n"
            + "| /acme/absolute |  | failed | 0 |\n| /acme/symlink |  | failed | 0 |\n"
            + "\n1 scraped, 0 cached, 0 stale, 3 failed\n";
        assertEquals(table, Files.readString(summary));
        assertTrue(run.stderr().contains(table), run.toString());
    }

    /** A signed URL the service should never answer fails its own entry; the others are restored and reported. */
    @Test
    void aBadSignedUrlFailsOnlyItsEntry() throws IOException {
        for (String slug : List.of("acme_good", "acme_ftp", "acme_file", "acme_nohost")) {
            fake.store("artifact-" + slug + "-f1", CacheVersion.of("artifacts/" + slug), new CacheArchives()
                .dir("artifacts/" + slug, 0755).file("artifacts/" + slug + "/state.yaml", "run_id: \"800\"\nchunk_count: 2\n", 0644)
                .build());
        }
        fake.downloadUrls.put("artifact-acme_ftp-f1", "ftp://blob.example/x?sig=secret1");
        fake.downloadUrls.put("artifact-acme_file-f1", "file:///etc/passwd");
        fake.downloadUrls.put("artifact-acme_nohost-f1", "https:/no-host/x?sig=secret2");
        CliRun run = run(libs(slot("/acme/ftp", "", "f1"), slot("/acme/good", "", "f1"), slot("/acme/file", "", "f1"),
            slot("/acme/nohost", "", "f1")));
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = Json.MAPPER.readTree(workspace.resolve("artifacts/restore-report.json").toFile());
        assertEquals(List.of("failed", "cached", "failed", "failed"), statuses(report));
        for (int i : new int[] {0, 2, 3}) {
            String reason = report.get("entries").get(i).get("reason").asText();
            assertTrue(reason.contains("a download URL that is not http(s) with a host"), reason);
        }
        assertFalse(run.stderr().contains("secret"), "a signed URL is never printed: " + run);
        assertTrue(Files.isRegularFile(workspace.resolve("artifacts/acme_good/state.yaml")));
    }

    /** A blob store that stops sending: the entry fails at --download-timeout; the run goes on. */
    @Test
    void aStalledDownloadFailsItsEntryAtTheDeadline() throws IOException {
        for (String slug : List.of("acme_slow", "acme_good")) {
            fake.store("artifact-" + slug + "-f1", CacheVersion.of("artifacts/" + slug), new CacheArchives()
                .dir("artifacts/" + slug, 0755).file("artifacts/" + slug + "/state.yaml", "run_id: \"800\"\nchunk_count: 2\n", 0644)
                .build());
        }
        fake.stallingDownloads.set(1);
        CliRun run = run(libs(slot("/acme/slow", "", "f1"), slot("/acme/good", "", "f1")), "--parallel", "1",
            "--download-timeout", "2");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = Json.MAPPER.readTree(workspace.resolve("artifacts/restore-report.json").toFile());
        assertEquals(List.of("failed", "cached"), statuses(report));
        String reason = report.get("entries").get(0).get("reason").asText();
        assertTrue(reason.contains("the download took longer than 2 s"), reason);
        assertFalse(Files.exists(workspace.resolve("artifacts/acme_slow")));
    }

    /** A few kilobytes that expand past --max-extract-mib are refused, and reported as such, not as cached. */
    @Test
    void anArchiveOverTheExtractionCapsIsRefused() throws IOException {
        CacheArchives big = new CacheArchives().dir("artifacts/acme_big", 0755)
            .file("artifacts/acme_big/state.yaml", "run_id: \"800\"\nchunk_count: 2\n", 0644)
            .file("artifacts/acme_big/artifact.db", "0".repeat(3 << 20), 0644);
        fake.store("artifact-acme_big-f1", CacheVersion.of("artifacts/acme_big"), big.build());
        CacheArchives many = new CacheArchives().dir("artifacts/acme_many", 0755);
        for (int i = 0; i < 12; i++) {
            many.file("artifacts/acme_many/f" + i, "x", 0644);
        }
        fake.store("artifact-acme_many-f1", CacheVersion.of("artifacts/acme_many"), many.build());
        CliRun run = run(libs(slot("/acme/big", "", "f1"), slot("/acme/many", "", "f1")), "--max-extract-mib", "2",
            "--max-extract-entries", "10");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = Json.MAPPER.readTree(workspace.resolve("artifacts/restore-report.json").toFile());
        assertEquals(List.of("failed", "failed"), statuses(report));
        assertTrue(report.get("entries").get(0).get("reason").asText().contains("it expands to more than 2 MiB"), report.toString());
        assertTrue(report.get("entries").get(1).get("reason").asText().contains("it holds more than 10 entries"), report.toString());
        CliRun raised = run(libs(slot("/acme/big", "", "f1")), "--max-extract-mib", "4");
        assertEquals(List.of("cached"), statuses(Json.MAPPER.readTree(workspace.resolve("artifacts/restore-report.json").toFile())),
            raised.toString());
    }

    /** A killed run leaves its work folders (archives, half-extracted trees); the next run removes them first. */
    @Test
    void workFoldersOfAKilledRunAreRemovedAtStart() throws IOException {
        Path leftover = Files.createDirectories(workspace.resolve("artifacts/.restore-acme_x-12345/acme_x"));
        Files.write(leftover.getParent().resolve("cache.tzst"), new byte[100_000]);
        Files.writeString(leftover.resolve("artifact.db"), "half");
        Path other = Files.createDirectories(workspace.resolve("artifacts/acme_kept"));
        CliRun run = run(libs(slot("/acme/none", "", "f1")));
        assertEquals(0, run.exitCode(), run.toString());
        assertFalse(Files.exists(workspace.resolve("artifacts/.restore-acme_x-12345")), run.toString());
        assertTrue(Files.isDirectory(other), "other folders are left alone");
        assertTrue(run.stderr().contains("restore_leftover_removed"), run.toString());
    }

    @Test
    void parallelMustBePositive() throws IOException {
        CliRun run = run(libs(slot("/acme/good", "", "f1")), "--parallel", "0");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.errorLines().contains("--parallel"), run.toString());
    }

    private CacheArchives evil(String slug) {
        return new CacheArchives().dir("artifacts/" + slug, 0755)
            .file("artifacts/" + slug + "/state.yaml", "run_id: \"900\"\nchunk_count: 1\n", 0644);
    }

    private CliRun run(Path libs, String... more) {
        List<String> args = new ArrayList<>(List.of("--libs", libs.toString(), "--workspace", workspace.toString()));
        args.addAll(List.of(more));
        return CliRun.run(new RestoreCaches(RunContext.of(env, d -> { })), args.toArray(String[]::new));
    }

    private Path libs(String... slots) throws IOException {
        return Files.writeString(workspace.resolve("libs.json"), "[" + String.join(",", slots) + "]");
    }

    /** One ListLibs entry, spelled as ListLibs prints it. */
    static String slot(String libId, String version, String fingerprint) {
        String slug = libId.substring(1).replace('/', '_') + (version.isEmpty() ? "" : "_" + version);
        return "{\"lib_id\":\"" + libId + "\",\"version\":\"" + version + "\",\"slug\":\"" + slug
            + "\",\"kind\":\"github-md\",\"url_count\":1,\"fingerprint\":\"" + fingerprint
            + "\",\"cache_key\":\"artifact-" + slug + "-" + fingerprint + "\",\"cache_path\":\"artifacts/" + slug + "\"}";
    }

    static List<String> statuses(JsonNode report) {
        List<String> list = new ArrayList<>();
        report.get("entries").forEach(e -> list.add(e.get("status").asText()));
        return list;
    }
}
