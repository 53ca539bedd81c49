//SOURCES ../scripts/DbRelease.java
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/PipelineVersion.java
//SOURCES ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/ListLibsInput.java
//SOURCES ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/github/ChecksumFile.java ../shared/deadzone/github/GitHubApiException.java
//SOURCES ../shared/deadzone/github/GitHubClient.java ../shared/deadzone/github/GitHubFailures.java
//SOURCES ../shared/deadzone/github/GitHubReleases.java ../shared/deadzone/github/GitHubRepo.java
//SOURCES ../shared/deadzone/github/GitHubToken.java ../shared/deadzone/github/OriginRemote.java
//SOURCES ../shared/deadzone/github/PreviousManifest.java ../shared/deadzone/github/Release.java
//SOURCES ../shared/deadzone/github/ReleaseAsset.java ../shared/deadzone/github/ReleasePublisher.java
//SOURCES ../shared/deadzone/github/RestoreReportCheck.java ../shared/deadzone/github/RetryPolicy.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/registry/MatrixJson.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/release/DiffReport.java ../shared/deadzone/release/EntryKey.java
//SOURCES ../shared/deadzone/release/Manifest.java ../shared/deadzone/release/ManifestEntry.java
//SOURCES ../shared/deadzone/release/ManifestFile.java ../shared/deadzone/release/MarkdownTable.java
//SOURCES ../shared/deadzone/release/ReleaseDiff.java ../shared/deadzone/release/ReleaseNotes.java
//SOURCES ../shared/deadzone/release/ShrinkGate.java
//SOURCES ../shared/deadzone/store/DatabaseCheck.java ../shared/deadzone/store/ManifestBuilder.java
//SOURCES ../shared/deadzone/store/Sqlite.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/StepSummary.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/FakeGitHubApi.java ../tools/fakes/Fixtures.java
//SOURCES support/CliRun.java support/Project.java support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deadzone.artifact.PipelineVersion;
import deadzone.artifact.Schema;
import deadzone.github.GitHubClient;
import deadzone.release.EntryKey;
import deadzone.release.Manifest;
import deadzone.release.ManifestFile;
import deadzone.store.ManifestBuilder;
import deadzone.util.RunContext;
import fakes.FakeGitHubApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.Project;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DbRelease publishing against the local fake GitHub API. */
class DbReleaseTest {
    static final String REPO = "acme/deadzone-docs";
    static final String TAG = "docs-2025.06";
    static final List<String> ASSETS = List.of("deadzone.db", "deadzone.db.sha256", "deadzone.manifest.json");

    @TempDir
    Path dir;
    FakeGitHubApi fake;
    final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void startFake() throws IOException {
        fake = FakeGitHubApi.start(Fixture.TOKEN, REPO);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void createsTheReleaseWhenMissingAndUploadsTheThreeAssets() throws Exception {
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");
        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertEquals(0, run.exitCode(), run.toString());
        List<FakeGitHubApi.Request> sent = fake.requests();

        JsonNode summary = new ObjectMapper().readTree(run.stdout());
        assertTrue(summary.path("release_created").asBoolean(), run.stdout());
        assertEquals(Fixture.sha256(Files.readAllBytes(db)), summary.path("db").path("sha256").asText());
        assertTrue(fake.releaseId(REPO, TAG).isPresent());
        assertTrue(fake.requests().stream().anyMatch(r -> r.method().equals("POST") && r.path().equals("/repos/" + REPO + "/releases")),
            "the release was created");

        Map<String, byte[]> published = download(TAG);
        assertEquals(ASSETS, List.copyOf(published.keySet()));
        assertArrayEquals(Files.readAllBytes(db), published.get("deadzone.db"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("deadzone.db.sha256")), published.get("deadzone.db.sha256"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("deadzone.manifest.json")), published.get("deadzone.manifest.json"));
        assertEquals(Fixture.sha256(Files.readAllBytes(db)) + "  deadzone.db\n",
            new String(published.get("deadzone.db.sha256"), StandardCharsets.US_ASCII));

        long release = fake.releaseId(REPO, TAG).orElseThrow();
        Map<String, String> types = new TreeMap<>();
        fake.assets(release).forEach(a -> types.put(a.name(), a.contentType()));
        assertEquals(Map.of("deadzone.db", "application/octet-stream", "deadzone.db.sha256", "text/plain",
            "deadzone.manifest.json", "application/json"), types);
        for (FakeGitHubApi.Request r : sent) {
            assertEquals("Bearer " + Fixture.TOKEN, r.header("Authorization"), r.toString());
            assertEquals("application/vnd.github+json", r.header("Accept"), r.toString());
            assertEquals("2022-11-28", r.header("X-GitHub-Api-Version"), r.toString());
            assertTrue(r.header("User-Agent") != null && !r.header("User-Agent").isBlank(), r.toString());
        }
        // Uploads went to the release's upload_url (the fake serves it under /uploads), with the whole file.
        List<FakeGitHubApi.Request> uploads = sent.stream().filter(FakeGitHubApi.Request::isUpload).toList();
        assertEquals(3, uploads.size(), uploads.toString());
        assertEquals(Files.size(db), uploads.get(0).bodySize());
        assertTrue(uploads.get(0).query().startsWith("name=deadzone.db.new-"), uploads.get(0).query());
    }

    @Test
    void rerunReplacesTheAssetsAndNeverShowsAMismatchedPair() throws Exception {
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");
        byte[] first = Files.readAllBytes(db);
        assertEquals(0, Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO).exitCode());

        Fixture.database(db, "second, with other docs");
        byte[] second = Files.readAllBytes(db);
        assertFalse(Arrays.equals(first, second));
        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertEquals(0, run.exitCode(), run.toString());
        assertFalse(new ObjectMapper().readTree(run.stdout()).path("release_created").asBoolean(), run.stdout());

        Map<String, byte[]> published = download(TAG);
        assertEquals(ASSETS, List.copyOf(published.keySet()));
        assertArrayEquals(second, published.get("deadzone.db"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("deadzone.db.sha256")), published.get("deadzone.db.sha256"));
        assertEquals(1, fake.requests().stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/releases")).count(),
            "the second run found the release instead of creating another");

        // Every state a reader could have seen: the files side by side always belong together.
        List<Map<String, byte[]>> history = fake.history(fake.releaseId(REPO, TAG).orElseThrow());
        assertTrue(history.size() >= 15, "both runs changed the release step by step: " + history.size());
        for (Map<String, byte[]> visible : history) {
            Fixture.assertOneSet(visible, "while republishing");
        }
    }

    @Test
    void leftoverTemporaryAssetsOfAFailedRunAreRemoved() throws Exception {
        long release = fake.addRelease(REPO, TAG);
        fake.addAsset(release, "deadzone.db.new-0badc0de", new byte[] {1, 2, 3}, "application/octet-stream");
        fake.addAsset(release, "deadzone.db.sha256.new-0badc0de", new byte[] {4}, "text/plain");
        fake.addAsset(release, "NOTES.md", "kept".getBytes(StandardCharsets.UTF_8), "text/markdown");
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");

        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("NOTES.md", "deadzone.db", "deadzone.db.sha256", "deadzone.manifest.json"),
            List.copyOf(download(TAG).keySet()));
    }

    @Test
    void a502OnTheFirstUploadIsRetried() throws Exception {
        fake.failNext("POST", "/uploads/.*", 502, Map.of());
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");

        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertEquals(0, run.exitCode(), run.toString());
        List<FakeGitHubApi.Request> uploads = fake.requests().stream().filter(FakeGitHubApi.Request::isUpload).toList();
        assertEquals(4, uploads.size(), "the db twice, then the checksum and the manifest: " + uploads);
        assertEquals(uploads.get(0).query(), uploads.get(1).query(), "the retry repeats the same upload");
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
        assertArrayEquals(Files.readAllBytes(db), download(TAG).get("deadzone.db"));
    }

    @Test
    void aTruncatedUploadStopsTheRunAndLeavesThePublishedPairAlone() throws Exception {
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");
        assertEquals(0, Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO).exitCode());
        Map<String, byte[]> before = download(TAG);

        Fixture.database(db, "second, with other docs");
        fake.truncateNextUpload();
        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.errorLines().startsWith("DbRelease: upload of deadzone.db is incomplete: GitHub holds "
            + Files.size(db) / 2 + " bytes"), run.toString());
        Map<String, byte[]> after = download(TAG);
        assertEquals(ASSETS, List.copyOf(after.keySet()), "the broken upload was removed");
        assertArrayEquals(before.get("deadzone.db"), after.get("deadzone.db"));
        assertArrayEquals(before.get("deadzone.db.sha256"), after.get("deadzone.db.sha256"));

        // The next run clears the broken temporary upload and publishes.
        assertEquals(0, Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO).exitCode());
        Map<String, byte[]> fixed = download(TAG);
        assertEquals(ASSETS, List.copyOf(fixed.keySet()));
        assertArrayEquals(Files.readAllBytes(db), fixed.get("deadzone.db"));
    }

    @Test
    void anUploadThatBrokeAfterGitHubCreatedTheAssetIsRedone() throws Exception {
        fake.failAfterStoringNextUpload(502);
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");

        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertEquals(0, run.exitCode(), run.toString());
        List<String> calls = fake.requests().stream().map(r -> r.method() + " " + r.path().replaceAll("\\d+", "N")).toList();
        int firstUpload = calls.indexOf("POST /uploads/repos/acme/deadzone-docs/releases/N/assets");
        assertEquals(List.of(
            "POST /uploads/repos/acme/deadzone-docs/releases/N/assets", // 502, the half asset stays
            "POST /uploads/repos/acme/deadzone-docs/releases/N/assets", // retry: 422 already_exists
            "GET /repos/acme/deadzone-docs/releases/N/assets",
            "DELETE /repos/acme/deadzone-docs/releases/assets/N",
            "POST /uploads/repos/acme/deadzone-docs/releases/N/assets"), calls.subList(firstUpload, firstUpload + 5),
            calls.toString());
        Map<String, byte[]> published = download(TAG);
        assertEquals(ASSETS, List.copyOf(published.keySet()));
        assertArrayEquals(Files.readAllBytes(db), published.get("deadzone.db"));
    }

    @Test
    void a429IsRetriedAfterTheWaitGitHubAsksFor() throws Exception {
        fake.failNext("POST", "/uploads/.*", 429, Map.of("Retry-After", "7"));
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");

        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
    }

    @Test
    void anUploadWhoseConnectionDropsIsRetried() throws Exception {
        // On a POST, unlike a GET, java.net.http does not retry by itself: this is DbRelease's own retry.
        fake.dropNext("POST", "/uploads/.*");
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");

        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(4, fake.requests().stream().filter(FakeGitHubApi.Request::isUpload).count());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
        assertTrue(run.stderr().contains("\"event\":\"github_retry\""), run.stderr());
        assertArrayEquals(Files.readAllBytes(db), download(TAG).get("deadzone.db"));
    }

    @Test
    void aServerThatKeepsFailingStopsTheRunAfterBackingOff() throws Exception {
        for (int i = 0; i < 5; i++) {
            fake.failNext("GET", ".*/releases/tags/.*", 503, Map.of());
        }
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");

        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("DbRelease: GitHub answered 503 to GET /repos/acme/deadzone-docs/releases/tags/" + TAG
            + ": injected fault", run.errorLines());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)), sleeps);
        assertTrue(fake.requests().stream().noneMatch(r -> !r.method().equals("GET")), "nothing was written");
    }

    @Test
    void aRefusedTokenGivesOneLine() throws Exception {
        fake.close();
        fake = FakeGitHubApi.start("a-different-token", REPO);
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");

        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO, "--verbose");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.errorLines().lines().findFirst().orElse("")
            .equals("DbRelease: GITHUB_TOKEN was refused (401: Bad credentials); set it to a valid token"), run.toString());
        assertTrue(sleeps.isEmpty(), "a 401 is not retried");
    }

    @Test
    void aTokenWithoutWriteAccessIsToldWhichPermissionIsMissing() throws Exception {
        fake.denyWrites();
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");

        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().lines().count(), run.toString());
        assertTrue(run.errorLines().startsWith("DbRelease: GitHub refused POST /repos/acme/deadzone-docs/releases (403: "
            + "Resource not accessible by integration)"), run.toString());
        assertTrue(run.errorLines().contains("`permissions: contents: write`"), run.toString());
    }

    @Test
    void anUnknownRepositoryIsNamed() throws Exception {
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");

        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", "acme/nope");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("DbRelease: repository acme/nope not found or the token cannot see it (404 on POST /repos/acme/nope/releases)",
            run.errorLines());
    }

    /** The upload host comes from GitHub's answer: one that is not the API's own, nor uploads.github.com, never sees the token. */
    @Test
    void anUploadUrlOnAnotherHostIsRefusedAndGetsNoToken() throws Exception {
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");
        try (FakeGitHubApi elsewhere = FakeGitHubApi.start("other-token", REPO)) {
            fake.handOutUploadOrigin(elsewhere.url());
            CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals(1, run.errorLines().lines().count(), run.toString());
            assertTrue(run.errorLines().contains("the upload url host " + elsewhere.url() + ", which is neither the API's"),
                run.toString());
            assertEquals(List.of(), elsewhere.requests(), "nothing, and so no token, went to the other host");
        }
    }

    @Test
    void theTokenGoesOnlyToTheApiHostOrGitHubsUploadsHostOverHttps() {
        URI github = URI.create("https://api.github.com");
        URI enterprise = URI.create("https://ghe.example.com/api/v3");
        URI local = URI.create("http://127.0.0.1:8080");
        for (String ok : List.of("https://uploads.github.com/repos/o/r/releases/1/assets", "https://api.github.com/x",
            "https://UPLOADS.github.com/x")) {
            assertTrue(GitHubClient.tokenMayGoTo(github, URI.create(ok)), ok);
        }
        for (String refused : List.of("http://uploads.github.com/x", "https://uploads.github.com:8443/x", "https://evil.example/x",
            "https://uploads.github.com@evil.example/x", "https://uploads.github.com.evil.example/x",
            "http://api.github.com/x", "https://github.com/x")) {
            assertFalse(GitHubClient.tokenMayGoTo(github, URI.create(refused)), refused);
        }
        assertTrue(GitHubClient.tokenMayGoTo(enterprise, URI.create("https://ghe.example.com/api/uploads/repos/o/r/releases/1/assets")));
        assertTrue(GitHubClient.tokenMayGoTo(enterprise, URI.create("https://ghe.example.com:443/api/uploads/x")));
        assertFalse(GitHubClient.tokenMayGoTo(enterprise, URI.create("http://ghe.example.com/api/uploads/x")), "no downgrade");
        assertTrue(GitHubClient.tokenMayGoTo(local, URI.create("http://127.0.0.1:8080/uploads/x")));
        assertFalse(GitHubClient.tokenMayGoTo(local, URI.create("http://127.0.0.1:8081/uploads/x")), "another port");
    }

    /** An asset that vanished mid-run is named for what it is, not as a missing repository. */
    @Test
    void aVanishedAssetIsNamedForWhatItIs() throws Exception {
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");
        fake.failNext("PATCH", "/repos/.*/releases/assets/\\d+", 404, Map.of());
        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertEquals(1, run.exitCode(), run.toString());
        String line = run.errorLines().lines().filter(l -> l.startsWith("DbRelease: ")).findFirst().orElse(run.toString());
        assertTrue(line.matches("DbRelease: release asset \\d+ of acme/deadzone-docs is gone \\(404 on PATCH "
            + "/repos/acme/deadzone-docs/releases/assets/\\d+\\).*run DbRelease again"), line);
        assertFalse(line.contains("repository"), line);
    }

    @Test
    void theRepositoryComesFromGitHubRepositoryWhenNotGiven() throws Exception {
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");

        CliRun run = Fixture.run(fake, sleeps, Map.of("GITHUB_REPOSITORY", REPO), "--tag", TAG, "--db", db.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(REPO, new ObjectMapper().readTree(run.stdout()).path("repo").asText());
        assertTrue(fake.releaseId(REPO, TAG).isPresent());
    }

    @Test
    void allowMissingPublishesDespiteAFailedLibrary() throws Exception {
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");
        Path report = Project.root().resolve("tests/data/release/report-failed.json");

        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO,
            "--report", report.toString(), "--allow-missing");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("/acme/gears is missing from the published database"), run.toString());
        assertArrayEquals(Files.readAllBytes(db), download(TAG).get("deadzone.db"));
    }

    @Test
    void staleLibrariesArePublishedWithAWarning() throws Exception {
        Path db = Fixture.database(dir.resolve("deadzone.db"), "first");
        Path report = Project.root().resolve("tests/data/release/report-stale.json");

        CliRun run = Fixture.run(fake, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(), "--repo", REPO,
            "--report", report.toString(), "--log-format", "text");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("WARN report_stale: /acme/sprockets 2.0 is published from an older cache entry"),
            run.toString());
        assertFalse(run.stderr().contains("/acme/widgets"), "only stale libraries are warned about: " + run.stderr());
    }

    /** What a reader of the release gets: every asset's bytes, fetched through the API's download URLs. */
    private Map<String, byte[]> download(String tag) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> release = http.send(HttpRequest.newBuilder(
                URI.create(fake.url() + "/repos/" + REPO + "/releases/tags/" + tag))
            .header("Authorization", "Bearer " + Fixture.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, release.statusCode(), release.body());
        Map<String, byte[]> assets = new TreeMap<>();
        for (JsonNode asset : new ObjectMapper().readTree(release.body()).path("assets")) {
            HttpResponse<byte[]> bytes = http.send(HttpRequest.newBuilder(URI.create(asset.path("browser_download_url").asText()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, bytes.statusCode());
            assertTrue(assets.put(asset.path("name").asText(), bytes.body()) == null, "two assets named " + asset.path("name"));
        }
        return assets;
    }

    /** Databases, runs and checks shared by the DbRelease tests. */
    static final class Fixture {
        /** Distinctive, so that any leak into the output is found. */
        static final String TOKEN = "ghs_DZsecret7f3a91c0e5TOKEN";

        private Fixture() {
        }

        /**
         * Runs DbRelease in-process with GITHUB_TOKEN and GITHUB_API_URL pointing at the fake (plus
         * {@code extraEnv}), recording waits instead of sleeping, and asserts the token appears nowhere.
         */
        static CliRun run(FakeGitHubApi fake, List<Duration> sleeps, Map<String, String> extraEnv, String... args) {
            Map<String, String> env = new HashMap<>(Map.of("GITHUB_TOKEN", Fixture.TOKEN, "GITHUB_API_URL", fake.url()));
            env.putAll(extraEnv);
            return runWith(env, sleeps, args);
        }

        static CliRun runWith(Map<String, String> env, List<Duration> sleeps, String... args) {
            DbRelease command = new DbRelease(RunContext.of(env, sleeps::add));
            CliRun run = CliRun.run(command, args);
            assertFalse(run.stdout().contains(TOKEN), "the token leaked to stdout");
            assertFalse(run.stderr().contains(TOKEN), "the token leaked to stderr");
            assertFalse(run.stderr().contains(TOKEN.substring(4, 20)), "part of the token leaked to stderr");
            return run;
        }

        /** A small, valid deadzone.db: two libraries, 40 docs whose text includes {@code marker}. */
        static Path database(Path file, String marker) throws SQLException, IOException {
            Files.deleteIfExists(file);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                createSchema(c);
                try (PreparedStatement meta = c.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
                    for (String[] kv : new String[][] {{Schema.META_SCHEMA_VERSION, String.valueOf(PipelineVersion.SCHEMA)},
                        {Schema.META_PIPELINE_VERSION, String.valueOf(PipelineVersion.PIPELINE)},
                        {Schema.META_EMBEDDER, "test-model|sha256:00|pooling:cls|query:|document:|max_tokens:512|dims:4"}}) {
                        meta.setString(1, kv[0]);
                        meta.setString(2, kv[1]);
                        meta.executeUpdate();
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO libs(lib_id, version, kind, doc_count, chunk_count, scraped_at) VALUES"
                        + " ('/acme/widgets', '1.4', 'github-md', 20, 20, '2025-06-01T00:00:00Z'),"
                        + " ('/acme/gears', '', 'html', 20, 20, '2025-06-01T00:00:00Z')");
                }
                addDocs(c, marker);
            }
            writeManifest(file);
            return file;
        }

        /** The manifest Consolidate would write beside {@code db} (its fingerprints made up). */
        static Path writeManifest(Path db) throws SQLException, IOException {
            Manifest manifest = ManifestBuilder.describe(db, db.getFileName().toString(), Map.of(
                new EntryKey("/acme/widgets", "1.4"), "fp-widgets", new EntryKey("/acme/gears", ""), "fp-gears"), Map.of());
            return Files.writeString(ManifestFile.pathFor(db), manifest.toJson(), StandardCharsets.UTF_8);
        }

        /** Like {@link #database} but without any doc. */
        static Path databaseWithoutDocs(Path file) throws SQLException, IOException {
            database(file, "none");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM docs");
                s.executeUpdate("VACUUM");
            }
            return file;
        }

        static void createSchema(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                for (String ddl : Schema.DDL) {
                    s.executeUpdate(ddl);
                }
            }
        }

        private static void addDocs(Connection c, String marker) throws SQLException {
            String sql = "INSERT INTO docs(lib_id, version, url, title, heading_path, content, tokens, content_sha256,"
                + " embedding, doc_index, chunk_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < 40; i++) {
                    String content = ("Section " + i + " of the " + marker + " build. ").repeat(20);
                    p.setString(1, i % 2 == 0 ? "/acme/widgets" : "/acme/gears");
                    p.setString(2, i % 2 == 0 ? "1.4" : "");
                    p.setString(3, "https://example.org/docs/" + i);
                    p.setString(4, "Title " + i);
                    p.setString(5, "Guide > Part " + i);
                    p.setString(6, content);
                    p.setInt(7, content.length() / 4);
                    p.setString(8, sha256(content.getBytes(StandardCharsets.UTF_8)));
                    p.setBytes(9, new byte[1536]);
                    p.setInt(10, i);
                    p.setInt(11, 0);
                    p.executeUpdate();
                }
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO docs_fts(docs_fts) VALUES ('rebuild')");
            }
        }

        /**
         * What a reader of the release may see at any moment: a checksum only beside its database,
         * and a manifest only beside the database it describes and that database's checksum.
         */
        static void assertOneSet(Map<String, byte[]> visible, String when) {
            byte[] db = visible.get("deadzone.db");
            byte[] sum = visible.get("deadzone.db.sha256");
            byte[] manifest = visible.get("deadzone.manifest.json");
            if (sum != null) {
                assertTrue(db != null, when + ": a checksum without its database: " + visible.keySet());
                assertEquals(sha256(db) + "  deadzone.db\n", new String(sum, StandardCharsets.US_ASCII),
                    when + ": a checksum beside another database");
            }
            if (manifest != null) {
                assertTrue(db != null && sum != null, when + ": a manifest without its database and checksum: "
                    + visible.keySet());
                Manifest m = Manifest.parse(new String(manifest, StandardCharsets.UTF_8));
                assertEquals(sha256(db), m.dbSha256(), when + ": a manifest beside another database");
                assertEquals(db.length, m.dbSize(), when);
            }
        }

        /** Overwrites one whole page in the middle of the file, as a bad disk or a cut copy would. */
        static void corrupt(Path file) throws IOException {
            long pageSize = 4096;
            long pages = Files.size(file) / pageSize;
            assertTrue(pages >= 8, "the fixture database is large enough to corrupt in the middle: " + pages + " pages");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(pages / 2 * pageSize);
                byte[] garbage = new byte[(int) pageSize];
                Arrays.fill(garbage, (byte) 0x5A);
                raf.write(garbage);
            }
        }

        static String sha256(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
