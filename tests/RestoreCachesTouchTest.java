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
//SOURCES RestoreCachesTest.java
//SOURCES support/CacheArchives.java support/CliRun.java support/FileTrees.java support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/** RestoreCaches --touch-only, the keep-alive, against the fake cache service: every entry looked up, nothing downloaded. */
class RestoreCachesTouchTest {
    static final String TOKEN = RestoreCachesTest.TOKEN;

    @TempDir
    Path workspace;
    FakeCacheService fake;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        fake = FakeCacheService.start(TOKEN);
        env.put("ACTIONS_RUNTIME_TOKEN", TOKEN);
        env.put("ACTIONS_RESULTS_URL", fake.resultsUrl());
        env.put("GITHUB_STEP_SUMMARY", workspace.resolve("summary.md").toString());
        store("artifact-acme_hit-f1", "acme_hit");
        store("artifact-acme_older-f0", "acme_older");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void everyEntryIsLookedUpAndNothingIsDownloaded() throws IOException {
        CliRun run = touch(RestoreCachesTest.slot("/acme/hit", "", "f1"), RestoreCachesTest.slot("/acme/older", "", "f1"),
            RestoreCachesTest.slot("/acme/miss", "", "f1"));
        assertEquals(0, run.exitCode(), run.toString());

        String summary = Files.readString(workspace.resolve("summary.md"), StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("### Cache keep-alive\n\n| lib | version | entry | matched key |\n"), summary);
        assertTrue(summary.contains("| /acme/hit |  | hit | artifact-acme_hit-f1 |\n"), summary);
        assertTrue(summary.contains("| /acme/older |  | older | artifact-acme_older-f0 |\n"), summary);
        assertTrue(summary.contains("| /acme/miss |  | miss |  |\n"), summary);
        assertTrue(summary.contains("1 hit, 1 older, 1 miss, 0 failed."), summary);
        assertTrue(run.stderr().contains("| /acme/miss |  | miss |"), "the table goes to stderr too");

        List<FakeCacheService.Request> sent = fake.requests();
        assertTrue(sent.stream().noneMatch(FakeCacheService.Request::isBlob), "no blob was downloaded: " + sent);
        List<String> lookups = new ArrayList<>();
        for (FakeCacheService.Request r : sent) {
            assertTrue(r.isTwirp("GetCacheEntryDownloadURL"), r.uri());
            assertEquals("Bearer " + TOKEN, r.header("Authorization").orElse(""));
            JsonNode body = r.json();
            lookups.add(body.path("key").asText() + body.path("restore_keys").toString().replace("[]", "")
                .replace("\"", ""));
        }
        assertEquals(List.of("artifact-acme_hit-f1", "artifact-acme_miss-f1", "artifact-acme_miss-f1[artifact-acme_miss-]",
                "artifact-acme_older-f1", "artifact-acme_older-f1[artifact-acme_older-]"),
            lookups.stream().map(l -> l.replace("[]", "")).sorted().toList(),
            "the exact key, then on a miss the restore key, as a restore asks");
        try (Stream<Path> files = Files.list(workspace)) {
            assertEquals(List.of("libs.json", "summary.md"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                "nothing is restored and no restore report is written");
        }
    }

    @Test
    void theReportGetsTheTableAsJsonWhenAsked() throws IOException {
        CliRun run = touch(List.of("--report", "touch.json"), RestoreCachesTest.slot("/acme/hit", "", "f1"),
            RestoreCachesTest.slot("/acme/miss", "", "f1"));
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = Json.MAPPER.readTree(workspace.resolve("touch.json").toFile());
        assertEquals("hit", report.path("entries").get(0).path("touch").asText());
        assertEquals("artifact-acme_hit-f1", report.path("entries").get(0).path("matched_key").asText());
        assertEquals("miss", report.path("entries").get(1).path("touch").asText());
        assertEquals(1, report.path("totals").path("miss").asInt());
    }

    /** Not one exact key found: the keys drifted (or scrape-pack never ran); the job fails so someone looks. */
    @Test
    void whenEveryEntryMissesTheRunFails() throws IOException {
        CliRun run = touch(RestoreCachesTest.slot("/acme/older", "", "f1"), RestoreCachesTest.slot("/acme/miss", "", "f1"));
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().lines().filter(l -> l.startsWith("RestoreCaches:")).count(), run.toString());
        assertTrue(run.errorLines().contains("RestoreCaches: none of the 2 entries' cache keys was found (0 hit, 1 older,"
            + " 1 miss, 0 failed): the keys ListLibs gives drifted"), run.toString());
        assertTrue(Files.readString(workspace.resolve("summary.md")).contains("| /acme/miss |  | miss |"),
            "the table is written before the run fails");
    }

    private void store(String key, String slug) {
        fake.store(key, CacheVersion.of("artifacts/" + slug), new CacheArchives().dir("artifacts/" + slug, 0755)
            .file("artifacts/" + slug + "/state.yaml", "run_id: \"700\"\nchunk_count: 3\n", 0644).build());
    }

    private CliRun touch(String... slots) throws IOException {
        return touch(List.of(), slots);
    }

    private CliRun touch(List<String> more, String... slots) throws IOException {
        Path libs = Files.writeString(workspace.resolve("libs.json"), "[" + String.join(",", slots) + "]");
        List<String> args = new ArrayList<>(List.of("--libs", libs.toString(), "--workspace", workspace.toString(),
            "--touch-only"));
        args.addAll(more);
        return CliRun.run(new RestoreCaches(RunContext.of(env, d -> { })), args.toArray(String[]::new));
    }
}
