//SOURCES ../scripts/Consolidate.java ../scripts/Serve.java
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/chunk/Chunk.java ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/DatabaseModelOption.java
//SOURCES ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/github/GitHubApiException.java ../shared/deadzone/github/GitHubClient.java
//SOURCES ../shared/deadzone/github/GitHubRepo.java ../shared/deadzone/github/GitHubToken.java
//SOURCES ../shared/deadzone/github/OriginRemote.java ../shared/deadzone/github/RestoreReportCheck.java
//SOURCES ../shared/deadzone/github/RetryPolicy.java
//SOURCES ../shared/deadzone/godoc/PackageOverview.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/release/EntryKey.java ../shared/deadzone/release/Manifest.java
//SOURCES ../shared/deadzone/release/ManifestEntry.java ../shared/deadzone/release/ManifestFile.java
//SOURCES ../shared/deadzone/search/ApiBeforeOverview.java ../shared/deadzone/search/FtsQuery.java
//SOURCES ../shared/deadzone/search/Fusion.java ../shared/deadzone/search/Hit.java
//SOURCES ../shared/deadzone/search/HybridSearch.java ../shared/deadzone/search/LibHit.java
//SOURCES ../shared/deadzone/search/LibIdSuggestions.java ../shared/deadzone/search/QueryTerms.java
//SOURCES ../shared/deadzone/search/ScopeHint.java ../shared/deadzone/search/SearchOutput.java
//SOURCES ../shared/deadzone/search/Snippets.java ../shared/deadzone/search/VectorIndex.java
//SOURCES ../shared/deadzone/serve/BoundedLines.java ../shared/deadzone/serve/CacheFolder.java
//SOURCES ../shared/deadzone/serve/CachedRelease.java ../shared/deadzone/serve/DatabaseCompatibility.java
//SOURCES ../shared/deadzone/serve/DocsIndex.java ../shared/deadzone/serve/ForwardPipe.java
//SOURCES ../shared/deadzone/serve/JsonRpcLine.java ../shared/deadzone/serve/McpStdioServer.java
//SOURCES ../shared/deadzone/serve/ReleaseCache.java ../shared/deadzone/serve/ReleaseClient.java
//SOURCES ../shared/deadzone/serve/ReleaseDatabase.java ../shared/deadzone/serve/ReleaseRepository.java
//SOURCES ../shared/deadzone/serve/ReleaseUnavailable.java ../shared/deadzone/serve/Schemas.java
//SOURCES ../shared/deadzone/serve/SearchDocsTool.java ../shared/deadzone/serve/SearchLibrariesTool.java
//SOURCES ../shared/deadzone/serve/ServerModel.java ../shared/deadzone/serve/StdioGuard.java
//SOURCES ../shared/deadzone/serve/ToolArguments.java ../shared/deadzone/serve/ToolInputError.java
//SOURCES ../shared/deadzone/serve/ToolResults.java ../shared/deadzone/serve/WatchedStdout.java
//SOURCES ../shared/deadzone/store/ArtifactCheck.java ../shared/deadzone/store/ArtifactContent.java
//SOURCES ../shared/deadzone/store/ArtifactWriter.java ../shared/deadzone/store/Consolidator.java
//SOURCES ../shared/deadzone/store/ManifestBuilder.java ../shared/deadzone/store/SourceRecord.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/StoredChunk.java
//SOURCES ../shared/deadzone/store/StoredGoFile.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/StepSummary.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/FakeGitHubApi.java ../tools/fakes/Fixtures.java
//SOURCES ../tools/rehearsal/NodeToolkit.java
//SOURCES ServeMcpTest.java
//SOURCES support/CliRun.java support/McpSession.java support/Project.java support/SyntheticArtifacts.java
//SOURCES support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.util.Hashes;
import deadzone.util.Json;
import deadzone.util.RunContext;
import deadzone.util.Sleeper;
import fakes.FakeGitHubApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.McpSession;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Serve's database from a GitHub Release, against the fake Releases API over 127.0.0.1: download, probe, swap, refusals. */
class ServeReleaseTest {
    private static final String TOKEN = "ghs_serve_test_token_0123456789";
    private static final String REPO = "acme/docs";

    @TempDir
    Path dir;
    FakeGitHubApi fake;
    Path cache;
    Map<String, String> env;

    @BeforeEach
    void fakeGitHub() throws Exception {
        fake = FakeGitHubApi.start(TOKEN, REPO);
        cache = dir.resolve("cache");
        env = new HashMap<>(Map.of("GITHUB_API_URL", fake.url(), "GITHUB_TOKEN", TOKEN, "DEADZONE_DB_CACHE", cache.toString(),
            "DEADZONE_REPO", REPO));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Path cached() {
        return cache.resolve("acme").resolve("docs").resolve("deadzone.db");
    }

    private JsonNode sidecar() throws Exception {
        return Json.MAPPER.readTree(cached().resolveSibling("deadzone.db.release.json").toFile());
    }

    private static byte[] bytes(long seed) {
        byte[] b = new byte[300_000];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** A release of {@code tag} with deadzone.db and the deadzone.db.sha256 DbRelease writes (its hash given). */
    private long publish(String tag, byte[] db, String sha256) {
        long id = fake.addRelease(REPO, tag);
        fake.addAsset(id, "deadzone.db", db, "application/octet-stream");
        fake.addAsset(id, "deadzone.db.sha256", (sha256 + "  deadzone.db\n").getBytes(StandardCharsets.UTF_8), "text/plain");
        return id;
    }

    private long publish(String tag, byte[] db) {
        return publish(tag, db, Hashes.sha256Hex(db));
    }

    private CliRun fetch(String... args) {
        Serve serve = new Serve(RunContext.of(Map.copyOf(env), Sleeper.REAL).withWorkDir(dir));
        List<String> all = new ArrayList<>(List.of("--fetch-only"));
        all.addAll(List.of(args));
        return CliRun.run(serve, all.toArray(String[]::new));
    }

    private List<FakeGitHubApi.Request> dbDownloads() {
        return fake.requests().stream().filter(r -> r.path().endsWith("/deadzone.db") && fake.onStorage(r)).toList();
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(cached().getParent())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void firstStartDownloadsAndVerifiesThenAnUnchangedReleaseIsNotDownloadedAgain() throws Exception {
        byte[] v1 = bytes(1);
        publish("v1", v1);
        CliRun first = fetch();
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(cached().toString(), first.stdout().strip());
        assertArrayEquals(v1, Files.readAllBytes(cached()));
        assertEquals("v1", sidecar().path("tag").asText());
        assertEquals(Hashes.sha256Hex(v1), sidecar().path("sha256").asText());
        assertEquals(REPO, sidecar().path("repo").asText());
        assertFalse(sidecar().path("fetched_at").asText().isEmpty());
        assertEquals(1, dbDownloads().size(), fake.requests().toString());

        CliRun second = fetch();
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals(1, dbDownloads().size(), "an unchanged release is probed, not downloaded: " + fake.requests());
        assertTrue(second.stderr().contains("db_unchanged"), second.stderr());
        assertFalse((first.stderr() + second.stderr()).contains(TOKEN), "the token is never logged");
    }

    @Test
    void theTokenGoesToTheApiAndNeverToTheStorageHostARedirectPointsTo() throws Exception {
        publish("v1", bytes(1));
        assertEquals(0, fetch().exitCode());
        List<FakeGitHubApi.Request> api = fake.requests().stream().filter(r -> !fake.onStorage(r)).toList();
        List<FakeGitHubApi.Request> storage = fake.requests().stream().filter(fake::onStorage).toList();
        assertFalse(api.isEmpty());
        assertEquals(2, storage.size(), "the database and its checksum, from the storage host: " + storage);
        api.forEach(r -> assertEquals("Bearer " + TOKEN, r.header("authorization"), r.toString()));
        storage.forEach(r -> assertEquals(null, r.header("authorization"), "token sent to another host: " + r));
        assertTrue(api.stream().anyMatch(r -> r.path().matches("/repos/acme/docs/releases/assets/\\d+")
            && "application/octet-stream".equals(r.header("accept"))), "assets are fetched through the API: " + api);
    }

    @Test
    void aPublicRepositoryNeedsNoToken() throws Exception {
        fake.makePublic(REPO);
        byte[] v1 = bytes(1);
        publish("v1", v1);
        env.remove("GITHUB_TOKEN");
        CliRun run = fetch();
        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(v1, Files.readAllBytes(cached()));
        fake.requests().forEach(r -> assertEquals(null, r.header("authorization"), r.toString()));
    }

    @Test
    void aChangedReleaseIsSwappedInWhileAReaderOfTheOldFileKeepsAWholeOldFile() throws Exception {
        byte[] v1 = bytes(1);
        byte[] v2 = bytes(2);
        publish("v1", v1);
        assertEquals(0, fetch().exitCode());
        try (InputStream reader = Files.newInputStream(cached())) {
            byte[] head = reader.readNBytes(1000);

            long v2Release = publish("v2", v2);
            fake.truncateNextDownload();
            CliRun cut = fetch();
            assertEquals(0, cut.exitCode(), "a download cut short leaves the cached database served: " + cut);
            assertTrue(cut.stderr().contains("db_release_unavailable") && cut.stderr().contains("serving the cached deadzone.db of v1"),
                cut.stderr());
            assertArrayEquals(v1, Files.readAllBytes(cached()), "the half download never replaced the cached file");
            assertEquals("v1", sidecar().path("tag").asText());
            assertEquals(List.of(), leftovers());

            CliRun swapped = fetch();
            assertEquals(0, swapped.exitCode(), swapped.toString());
            assertArrayEquals(v2, Files.readAllBytes(cached()));
            assertEquals("v2", sidecar().path("tag").asText());
            assertTrue(swapped.stderr().contains("db_updated"), swapped.stderr());
            assertEquals(List.of(), leftovers());

            byte[] rest = reader.readAllBytes();
            byte[] seen = new byte[head.length + rest.length];
            System.arraycopy(head, 0, seen, 0, head.length);
            System.arraycopy(rest, 0, seen, head.length, rest.length);
            assertArrayEquals(v1, seen, "a reader that opened the old file reads all of it, nothing of the new one");

            byte[] v2b = bytes(3);
            fake.replaceAsset(v2Release, "deadzone.db", v2b, "application/octet-stream");
            fake.replaceAsset(v2Release, "deadzone.db.sha256", (Hashes.sha256Hex(v2b) + "  deadzone.db\n").getBytes(), "text/plain");
            assertEquals(0, fetch().exitCode());
            assertArrayEquals(v2b, Files.readAllBytes(cached()), "a release republished under the same tag is noticed by its checksum");
        }
    }

    @Test
    void aChecksumMismatchIsFatalAndLeavesTheCacheAsItWas() throws Exception {
        byte[] v1 = bytes(1);
        publish("v1", v1);
        assertEquals(0, fetch().exitCode());
        String sidecarBefore = Files.readString(cached().resolveSibling("deadzone.db.release.json"));

        publish("v2", bytes(2), Hashes.sha256Hex(bytes(99)));
        CliRun mismatch = fetch();
        assertEquals(1, mismatch.exitCode(), mismatch.toString());
        assertEquals(1, mismatch.errorLines().lines().count(), mismatch.toString());
        assertTrue(mismatch.errorLines().contains("checksum mismatch") && mismatch.errorLines().contains("release v2")
            && mismatch.errorLines().contains("the cached database is unchanged"), mismatch.errorLines());
        assertEquals("", mismatch.stdout());
        assertArrayEquals(v1, Files.readAllBytes(cached()));
        assertEquals(sidecarBefore, Files.readString(cached().resolveSibling("deadzone.db.release.json")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aFirstDownloadWithAMismatchCachesNothing() throws Exception {
        publish("v1", bytes(1), Hashes.sha256Hex(bytes(99)));
        CliRun run = fetch();
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.errorLines().contains("checksum mismatch") && run.errorLines().contains("nothing was cached"), run.errorLines());
        assertFalse(Files.exists(cached()));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aReleaseHostThatIsDownServesTheCacheWithAWarningAndIsFatalWithoutOne() throws Exception {
        byte[] v1 = bytes(1);
        publish("v1", v1);
        assertEquals(0, fetch().exitCode());
        fake.close();

        CliRun withCache = fetch();
        assertEquals(0, withCache.exitCode(), withCache.toString());
        assertEquals(cached().toString(), withCache.stdout().strip());
        assertTrue(withCache.stderr().contains("\"level\":\"warn\"") && withCache.stderr().contains("db_release_unavailable")
            && withCache.stderr().contains("cannot connect to 127.0.0.1"), withCache.stderr());

        env.put("DEADZONE_DB_CACHE", dir.resolve("empty-cache").toString());
        CliRun without = fetch();
        assertEquals(1, without.exitCode(), without.toString());
        assertEquals(1, without.errorLines().lines().count(), without.toString());
        assertTrue(without.errorLines().contains("cannot connect to 127.0.0.1")
            && without.errorLines().contains("no cached deadzone.db of acme/docs"), without.errorLines());
        assertFalse(without.errorLines().contains("Exception"), without.errorLines());
    }

    @Test
    void offlineModeMakesNoRequestAndNeedsACache() throws Exception {
        publish("v1", bytes(1));
        env.put("DEADZONE_DB_OFFLINE", "1");
        CliRun none = fetch();
        assertEquals(1, none.exitCode(), none.toString());
        assertTrue(none.errorLines().contains("DEADZONE_DB_OFFLINE=1 and no cached deadzone.db of acme/docs"), none.errorLines());
        assertEquals(List.of(), fake.requests());

        env.remove("DEADZONE_DB_OFFLINE");
        assertEquals(0, fetch().exitCode());
        int before = fake.requests().size();
        publish("v2", bytes(2));
        env.put("DEADZONE_DB_OFFLINE", "1");
        CliRun offline = fetch();
        assertEquals(0, offline.exitCode(), offline.toString());
        assertEquals(before, fake.requests().size(), "offline: not a single request");
        assertArrayEquals(bytes(1), Files.readAllBytes(cached()));
    }

    @Test
    void withoutAutoUpdateTheCacheIsServedUnprobed() throws Exception {
        publish("v1", bytes(1));
        assertEquals(0, fetch().exitCode());
        int before = fake.requests().size();
        publish("v2", bytes(2));
        env.put("DEADZONE_DB_AUTOUPDATE", "0");
        CliRun run = fetch();
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(before, fake.requests().size());
        assertArrayEquals(bytes(1), Files.readAllBytes(cached()));
    }

    @Test
    void aPinnedTagIsServedEvenWhenNewerReleasesExist() throws Exception {
        publish("v1", bytes(1));
        publish("v2", bytes(2));
        CliRun pinned = fetch("--tag", "v1");
        assertEquals(0, pinned.exitCode(), pinned.toString());
        assertArrayEquals(bytes(1), Files.readAllBytes(cached()));
        assertEquals("v1", sidecar().path("tag").asText());
        assertTrue(fake.requests().stream().anyMatch(r -> r.path().equals("/repos/acme/docs/releases/tags/v1")));

        CliRun latest = fetch();
        assertEquals(0, latest.exitCode());
        assertArrayEquals(bytes(2), Files.readAllBytes(cached()));

        env.put("DEADZONE_DB_OFFLINE", "1");
        CliRun offlinePinned = fetch("--tag", "v1");
        assertEquals(1, offlinePinned.exitCode(), "the cache holds v2, not the pinned v1: " + offlinePinned);
        assertTrue(offlinePinned.errorLines().contains("acme/docs at tag v1"), offlinePinned.errorLines());

        env.remove("DEADZONE_DB_OFFLINE");
        CliRun missing = fetch("--tag", "v9");
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.errorLines().contains("the release v9 of acme/docs") && missing.errorLines().contains("404"),
            missing.errorLines());
    }

    @Test
    void settingsThatCannotWorkAreOneLineAndExitTwo() throws Exception {
        env.remove("DEADZONE_REPO");
        CliRun noRepo = fetch();
        assertEquals(2, noRepo.exitCode(), noRepo.toString());
        assertTrue(noRepo.errorLines().contains("pass --repo OWNER/NAME or set DEADZONE_REPO"), noRepo.errorLines());

        CliRun badRepo = fetch("--repo", "not a repo");
        assertEquals(2, badRepo.exitCode(), badRepo.toString());

        CliRun both = fetch("--db", dir.resolve("x.db").toString(), "--repo", REPO);
        assertEquals(2, both.exitCode(), both.toString());
        assertTrue(both.errorLines().contains("give one or the other"), both.errorLines());

        env.put("DEADZONE_REPO", REPO);
        env.put("DEADZONE_DB_OFFLINE", "maybe");
        CliRun flag = fetch();
        assertEquals(2, flag.exitCode(), flag.toString());
        assertTrue(flag.errorLines().contains("DEADZONE_DB_OFFLINE='maybe'"), flag.errorLines());
        assertEquals(List.of(), fake.requests());
    }

    @Test
    void theDownloadedDatabaseIsServedToAnMcpClient() throws Exception {
        McpSession.assumeAvailable();
        byte[] db = Files.readAllBytes(ServeMcpTest.tinyDatabase(dir.resolve("build")));
        publish("v1", db);
        McpSession session = McpSession.serve();
        env.forEach(session::env);
        JsonNode report = session.listTools()
            .call("search_libraries", Map.of())
            .run(dir);
        assertEquals(3, McpSession.structured(report.path("steps").get(1)).path("libraries").size(), report.toString());
        assertArrayEquals(db, Files.readAllBytes(cached()));
        assertFalse(report.path("stderr").asText().contains(TOKEN), "the token is never logged");
    }
}
