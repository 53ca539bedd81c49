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
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/FakeCacheService.java ../tools/fakes/Fixtures.java
//SOURCES ../tools/rehearsal/NodeToolkit.java
//SOURCES RestoreCachesTest.java
//SOURCES support/CacheArchives.java support/CacheToolkit.java support/CliRun.java support/FileTrees.java
//SOURCES support/NodeTooling.java support/Project.java support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.artifact.ModelPin;
import deadzone.artifact.PipelineVersion;
import deadzone.cache.CacheVersion;
import deadzone.util.Json;
import deadzone.util.RunContext;
import fakes.FakeCacheService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import support.CacheArchives;
import support.CacheToolkit;
import support.CliRun;
import support.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fan-in against entries saved by the real @actions/cache 5.0.5 toolkit (what actions/cache@v5
 * bundles) into the fake service: one mixed run exercising every status, then the checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreCachesToolkitTest {
    static final String TOKEN = "toolkit-runtime-token-3c7e11";
    static final String RUN_ID = "4242";

    Path temp;
    FakeCacheService fake;
    Path saved;    // the matrix jobs' workspace
    Path restored; // the consolidate job's workspace
    CliRun run;
    JsonNode report;
    Path summary;

    @BeforeAll
    void saveWithTheToolkitThenRestore(@TempDir Path folder) throws Exception {
        if (CacheToolkit.missing().isPresent()) {
            return; // each test then skips with the reason (a skipped @BeforeAll would hide it)
        }
        temp = folder;
        fake = FakeCacheService.start(TOKEN);
        saved = Files.createDirectories(temp.resolve("saved"));
        restored = Files.createDirectories(temp.resolve("restored"));
        CacheToolkit toolkit = new CacheToolkit(fake, TOKEN, Files.createDirectories(temp.resolve("runner-temp")));

        artifact("acme_alpha", RUN_ID, 12);      // scraped in this run
        artifact("acme_beta_2.0", "4100", 7);     // cached from an earlier run
        artifact("acme_gamma", "3999", 3);        // only an older fingerprint exists: stale
        toolkit.save(saved, "artifacts/acme_alpha", "artifact-acme_alpha-a1");
        toolkit.save(saved, "artifacts/acme_beta_2.0", "artifact-acme_beta_2.0-b1");
        toolkit.save(saved, "artifacts/acme_gamma", "artifact-acme_gamma-oldfp");
        // acme_delta: never saved (failed). acme_epsilon: an archive the toolkit would never make.
        fake.store("artifact-acme_epsilon-e1", CacheVersion.of("artifacts/acme_epsilon"), new CacheArchives()
            .dir("artifacts/acme_epsilon", 0755)
            .symlink("artifacts/acme_epsilon/escape", "../../../outside")
            .build());
        // acme_zeta: scraped by this run and already in place; nothing to restore.
        Path zeta = Files.createDirectories(restored.resolve("artifacts/acme_zeta"));
        Files.writeString(zeta.resolve("state.yaml"), "run_id: \"" + RUN_ID + "\"\nchunk_count: 9\n");

        Path libs = Files.writeString(temp.resolve("libs.json"), "[["
            + String.join(",", RestoreCachesTest.slot("/acme/alpha", "", "a1"),
                RestoreCachesTest.slot("/acme/beta", "2.0", "b1"), RestoreCachesTest.slot("/acme/gamma", "", "newfp"))
            + "],[" + String.join(",", RestoreCachesTest.slot("/acme/delta", "", "d1"),
                RestoreCachesTest.slot("/acme/epsilon", "", "e1"), RestoreCachesTest.slot("/acme/zeta", "", "z1"))
            + "]]"); // batched, as ListLibs --batch-size prints it
        summary = temp.resolve("step-summary.md");
        Files.writeString(summary, "# earlier step\n");
        Map<String, String> env = new HashMap<>(Map.of("ACTIONS_RUNTIME_TOKEN", TOKEN,
            "ACTIONS_RESULTS_URL", fake.resultsUrl(), "GITHUB_RUN_ID", RUN_ID,
            "GITHUB_WORKSPACE", restored.toString(), "GITHUB_STEP_SUMMARY", summary.toString()));

        run = CliRun.run(new RestoreCaches(RunContext.of(env, d -> { })), "--libs", libs.toString(), "--parallel", "3");
        report = Json.MAPPER.readTree(restored.resolve("artifacts/restore-report.json").toFile());
    }

    @BeforeEach
    void needsTheToolkit() {
        CacheToolkit.assumeAvailable();
    }

    @AfterAll
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void everyStatusIsReported() {
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(RUN_ID, report.get("run_id").asText());
        List<String> rows = new ArrayList<>();
        report.get("entries").forEach(e -> rows.add(e.get("lib_id").asText() + "@" + e.get("version").asText() + " "
            + e.get("slug").asText() + " " + e.get("status").asText() + " " + e.get("matched_key").asText() + " "
            + e.get("docs").asLong()));
        assertEquals(List.of(
            "/acme/alpha@ acme_alpha scraped artifact-acme_alpha-a1 12",
            "/acme/beta@2.0 acme_beta_2.0 cached artifact-acme_beta_2.0-b1 7",
            "/acme/gamma@ acme_gamma stale artifact-acme_gamma-oldfp 3",
            "/acme/delta@ acme_delta failed null 0",
            "/acme/epsilon@ acme_epsilon failed null 0",
            "/acme/zeta@ acme_zeta scraped null 9"), rows, run.toString());
        assertTrue(report.get("entries").get(2).get("reason").asText().contains("older"), report.toString());
        assertTrue(report.get("entries").get(3).get("reason").asText().contains("no cache entry"), report.toString());
        assertTrue(report.get("entries").get(4).get("reason").asText().contains("points outside"), report.toString());
        assertTrue(report.get("entries").get(0).get("reason").isNull());
        assertEquals("{\"scraped\":2,\"cached\":1,\"stale\":1,\"failed\":2}", report.get("totals").toString());
    }

    @Test
    void restoredTreesAreIdenticalToWhatTheToolkitSaved() {
        for (String slug : List.of("acme_alpha", "acme_beta_2.0", "acme_gamma")) {
            Map<String, String> original = FileTrees.snapshot(saved.resolve("artifacts").resolve(slug));
            assertEquals(original, FileTrees.snapshot(restored.resolve("artifacts").resolve(slug)), slug);
            assertTrue(original.get("bin/tool.sh").startsWith("file rwxr-xr-x"), original.toString());
            assertTrue(original.get("frozen.txt").startsWith("file r--r-----"), original.toString());
            assertTrue(original.get("empty").startsWith("dir rwxr-x--- "), original.toString());
            assertTrue(original.get("empty/deeper").startsWith("dir "), original.toString());
            assertEquals("link -> state.yaml", original.get("current"));
            assertTrue(original.get("payload.bin").endsWith(" 2025-12-24T08:00:00.5Z"), original.toString());
        }
    }

    @Test
    void theToolkitItselfRestoresTheSameTree() throws Exception {
        Path byToolkit = Files.createDirectories(temp.resolve("toolkit-restore"));
        String out = new CacheToolkit(fake, TOKEN, Files.createDirectories(temp.resolve("runner-temp-2")))
            .restore(byToolkit, "artifacts/acme_beta_2.0", "artifact-acme_beta_2.0-b1");
        assertTrue(out.contains("{\"matchedKey\":\"artifact-acme_beta_2.0-b1\"}"), out);
        assertEquals(FileTrees.snapshot(byToolkit.resolve("artifacts/acme_beta_2.0")),
            FileTrees.snapshot(restored.resolve("artifacts/acme_beta_2.0")));
    }

    @Test
    void versionsEqualTheToolkits() {
        List<FakeCacheService.Request> creates = fake.requests().stream()
            .filter(r -> r.isTwirp("CreateCacheEntry")).toList();
        assertEquals(3, creates.size());
        for (FakeCacheService.Request create : creates) {
            String key = create.json().get("key").asText();
            String slug = key.substring("artifact-".length(), key.lastIndexOf('-'));
            assertEquals(CacheVersion.of("artifacts/" + slug), create.json().get("version").asText(), key);
            assertTrue(create.header("User-Agent").orElse("").startsWith("@actions/cache-5.0.5"), create.toString());
        }
        List<FakeCacheService.Request> ours = fake.requests().stream()
            .filter(r -> r.isTwirp("GetCacheEntryDownloadURL")).toList();
        assertFalse(ours.isEmpty());
        for (FakeCacheService.Request lookup : ours) {
            String key = lookup.json().get("key").asText();
            String slug = key.substring("artifact-".length(), key.lastIndexOf('-'));
            assertEquals(CacheVersion.of("artifacts/" + slug), lookup.json().get("version").asText(), key);
        }
        assertTrue(ours.stream().noneMatch(r -> r.body().contains("acme_zeta")), "an artifact of this run is not fetched");
    }

    @Test
    void theTokenGoesToTheServiceAndNeverToTheBlobStore() {
        List<FakeCacheService.Request> blob = fake.requests().stream().filter(FakeCacheService.Request::isBlob).toList();
        assertTrue(blob.stream().anyMatch(r -> r.method().equals("GET")), "something was downloaded");
        for (FakeCacheService.Request r : blob) {
            assertEquals(Optional.empty(), r.header("Authorization"), r.toString());
            assertFalse(r.headers().toString().contains(TOKEN), r.toString());
        }
        fake.requests().stream().filter(r -> r.isTwirp("GetCacheEntryDownloadURL"))
            .forEach(r -> assertEquals(Optional.of("Bearer " + TOKEN), r.header("Authorization")));
        assertFalse(run.stderr().contains(TOKEN), "the token is never printed");
        assertFalse(run.stderr().contains("sig="), "signed URLs are never printed");
    }

    @Test
    void summaryTableAndTotalsMatchTheReport() throws IOException {
        StringBuilder expected = new StringBuilder("| lib | version | status | docs |\n| --- | --- | --- | ---: |\n");
        report.get("entries").forEach(e -> expected.append("| ").append(e.get("lib_id").asText()).append(" | ")
            .append(e.get("version").asText()).append(" | ").append(e.get("status").asText()).append(" | ")
            .append(e.get("docs").asLong()).append(" |\n"));
        JsonNode t = report.get("totals");
        expected.append('\n').append(t.get("scraped").asInt()).append(" scraped, ").append(t.get("cached").asInt())
            .append(" cached, ").append(t.get("stale").asInt()).append(" stale, ").append(t.get("failed").asInt())
            .append(" failed\n");
        assertEquals("# earlier step\n" + expected, Files.readString(summary), "appended, not replaced");
        assertTrue(run.stderr().contains(expected), run.toString());
        assertTrue(expected.toString().contains("| /acme/beta | 2.0 | cached | 7 |"), expected.toString());
    }

    @Test
    void nothingLandsOutsideAndNoTemporaryFolderIsLeft() throws IOException {
        assertFalse(Files.exists(temp.resolve("outside")));
        assertFalse(Files.exists(restored.resolve("outside")));
        try (Stream<Path> left = Files.list(restored.resolve("artifacts"))) {
            assertEquals(List.of("acme_alpha", "acme_beta_2.0", "acme_gamma", "acme_zeta", "restore-report.json"),
                left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** An artifact folder like ScrapeLib leaves, with the modes, links and empty folders a tar must keep. */
    private void artifact(String slug, String runId, int chunks) throws IOException {
        Path dir = Files.createDirectories(saved.resolve("artifacts").resolve(slug));
        Files.writeString(dir.resolve("state.yaml"), "lib_id: /" + slug + "\nrun_id: \"" + runId + "\"\nchunk_count: "
            + chunks + "\npipeline_version: " + PipelineVersion.PIPELINE + "\nschema_version: "
            + PipelineVersion.SCHEMA + "\nembedder: '" + ModelPin.DEFAULT.canonical() + "'\n");
        byte[] payload = new byte[200_000];
        new Random(slug.hashCode()).nextBytes(payload);
        Files.write(dir.resolve("payload.bin"), payload);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("tool.sh"), "#!/bin/sh\necho " + slug + "\n");
        Files.setPosixFilePermissions(bin.resolve("tool.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("frozen.txt"), "read only");
        Files.setPosixFilePermissions(dir.resolve("frozen.txt"), PosixFilePermissions.fromString("r--r-----"));
        Files.createDirectories(dir.resolve("empty/deeper"));
        Files.setPosixFilePermissions(dir.resolve("empty"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(dir.resolve("current"), Path.of("state.yaml"));
        FileTime old = FileTime.from(Instant.parse("2025-12-24T08:00:00.5Z"));
        Files.setLastModifiedTime(dir.resolve("payload.bin"), old);
        Files.setLastModifiedTime(bin, old);
    }
}
