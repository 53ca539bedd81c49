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
//SOURCES DbReleaseTest.java
//SOURCES support/CliRun.java support/Project.java support/UserFacingLines.java

import fakes.FakeGitHubApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.Project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Everything DbRelease refuses, and --dry-run: none of it may send a single request. */
class DbReleaseRefusalTest {
    private static final String REPO = DbReleaseTest.REPO;
    private static final String TAG = DbReleaseTest.TAG;

    @TempDir
    Path dir;
    FakeGitHubApi fake;
    final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void startFake() throws IOException {
        fake = FakeGitHubApi.start(DbReleaseTest.Fixture.TOKEN, REPO);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private CliRun release(String... args) {
        return DbReleaseTest.Fixture.run(fake, sleeps, Map.of(), args);
    }

    /** One line on stderr besides the JSON log lines, and no request at all. */
    private void assertRefused(CliRun run, int exitCode, String expectedInLine) {
        assertEquals(exitCode, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().lines().count(), run.toString());
        assertTrue(run.errorLines().contains(expectedInLine), run.toString());
        assertEquals(List.of(), fake.requests(), "no request may reach GitHub");
        assertEquals("", run.stdout());
    }

    @Test
    void aCorruptDatabaseIsRefused() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        DbReleaseTest.Fixture.corrupt(db);
        CliRun run = release("--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertRefused(run, 2, "DbRelease: database " + db);
        assertTrue(run.errorLines().contains("corrupt") || run.errorLines().contains("not a readable SQLite database"),
            run.toString());
        assertTrue(run.errorLines().endsWith("; rebuild it with Consolidate"), run.toString());
        assertFalse(Files.exists(dir.resolve("deadzone.db.sha256")), "no checksum for a database that is not published");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path db = Files.createFile(dir.resolve("deadzone.db"));
        assertRefused(release("--tag", TAG, "--db", db.toString(), "--repo", REPO), 2, "is empty (0 bytes)");
        assertEquals(0, Files.size(db), "checking never writes to the database");
    }

    @Test
    void aDatabaseWithoutDocsIsRefused() throws Exception {
        Path db = DbReleaseTest.Fixture.databaseWithoutDocs(dir.resolve("deadzone.db"));
        assertRefused(release("--tag", TAG, "--db", db.toString(), "--repo", REPO), 2,
            "has 2 libraries and 0 docs; refusing to publish an empty index");
    }

    @Test
    void aDatabaseOfAnotherSchemaIsRefused() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
        }
        assertRefused(release("--tag", TAG, "--db", db.toString(), "--repo", REPO), 2, "has schema_version 999");
    }

    @Test
    void aSqliteFileThatIsNotADeadzoneDatabaseIsRefused() throws Exception {
        Path db = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(x)");
        }
        assertRefused(release("--tag", TAG, "--db", db.toString(), "--repo", REPO), 2, "is not a deadzone database");
    }

    @Test
    void aMissingDatabaseIsRefused() {
        Path db = dir.resolve("deadzone.db");
        assertRefused(release("--tag", TAG, "--db", db.toString(), "--repo", REPO), 2, "does not exist");
        assertFalse(Files.exists(db), "checking never creates the database");
    }

    @Test
    void aMissingTagIsAUsageError() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        assertRefused(release("--db", db.toString(), "--repo", REPO), 2, "Missing required option: '--tag=T'");
    }

    @Test
    void aReportWithAFailedLibraryStopsThePublish() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        Path report = Project.root().resolve("tests/data/release/report-failed.json");
        CliRun run = release("--tag", TAG, "--db", db.toString(), "--repo", REPO, "--report", report.toString());
        assertRefused(run, 1, "1 library is missing from the database (/acme/gears, per " + report + ")");
        assertTrue(run.errorLines().contains("pass --allow-missing"), run.toString());
    }

    @Test
    void aReportThatIsNotARestoreReportIsAUsageError() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        Path report = Project.root().resolve("tests/data/release/report-malformed.json");
        assertRefused(release("--tag", TAG, "--db", db.toString(), "--repo", REPO, "--report", report.toString()), 2,
            "has no \"entries\" array");
    }

    @Test
    void aMissingTokenIsAUsageError() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        CliRun run = DbReleaseTest.Fixture.runWith(Map.of("GITHUB_API_URL", fake.url()), sleeps,
            "--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertRefused(run, 2, "GITHUB_TOKEN is not set");
        assertTrue(run.errorLines().contains("permissions: contents: write"), run.toString());
    }

    @Test
    void aMalformedRepositoryIsAUsageError() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        assertRefused(release("--tag", TAG, "--db", db.toString(), "--repo", "just-a-name"), 2,
            "--repo 'just-a-name' is not owner/name");
    }

    @Test
    void dryRunPrintsThePlanAndTheDiffWritesTheChecksumAndOnlyReads() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        CliRun run = release("--tag", TAG, "--db", db.toString(), "--repo", REPO, "--dry-run");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(fake.requests().stream().allMatch(r -> r.method().equals("GET")), "only reads: " + fake.requests());
        String sha = DbReleaseTest.Fixture.sha256(Files.readAllBytes(db));
        assertEquals(sha + "  deadzone.db\n", Files.readString(dir.resolve("deadzone.db.sha256")));
        assertTrue(run.stdout().contains("repository: " + REPO), run.stdout());
        assertTrue(run.stdout().contains("release: find the release tagged " + TAG + ", or create it"), run.stdout());
        assertTrue(run.stdout().contains("upload: deadzone.db (" + Files.size(db) + " bytes"), run.stdout());
        assertTrue(run.stdout().contains(sha + "  deadzone.db"), run.stdout());
        assertTrue(run.stdout().contains("upload: deadzone.manifest.json ("), run.stdout());
        assertTrue(run.stdout().contains("First publish: the repository has no release yet, so all 2 entries are new"),
            run.stdout());
        assertTrue(run.stdout().contains("Verdict: **publish**"), run.stdout());
    }

    @Test
    void dryRunNeedsNoTokenForAPublicRepository() throws Exception {
        fake.makePublic(REPO);
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        CliRun run = DbReleaseTest.Fixture.runWith(Map.of("GITHUB_API_URL", fake.url()), sleeps, "--tag", TAG,
            "--db", db.toString(), "--repo", REPO, "--dry-run");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("(API " + fake.url() + ")"), run.stdout());
        assertFalse(fake.requests().isEmpty());
        assertTrue(fake.requests().stream().allMatch(r -> r.method().equals("GET") && r.header("Authorization") == null),
            fake.requests().toString());
    }

    @Test
    void aDatabaseWithoutItsManifestIsRefused() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        Files.delete(dir.resolve("deadzone.manifest.json"));
        assertRefused(release("--tag", TAG, "--db", db.toString(), "--repo", REPO), 2,
            "no manifest " + dir.resolve("deadzone.manifest.json").toAbsolutePath() + " beside " + db);
    }

    @Test
    void aManifestOfAnotherDatabaseIsRefused() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        byte[] firstManifest = Files.readAllBytes(dir.resolve("deadzone.manifest.json"));
        DbReleaseTest.Fixture.database(db, "second, with other docs");
        Files.write(dir.resolve("deadzone.manifest.json"), firstManifest);
        CliRun run = release("--tag", TAG, "--db", db.toString(), "--repo", REPO);
        assertRefused(run, 2, "describes another database");
        assertTrue(run.errorLines().endsWith("Consolidate writes it beside the database: run it again"), run.toString());
    }

    @Test
    void aMaxShrinkOutsideZeroToHundredIsAUsageError() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        assertRefused(release("--tag", TAG, "--db", db.toString(), "--repo", REPO, "--max-shrink", "130"), 2,
            "--max-shrink must be a percentage from 0 to 100, not 130.0");
    }

    @Test
    void libsThatAreNotListLibsOutputAreAUsageError() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        Path libs = Files.writeString(dir.resolve("libs.json"), "{\"libraries\": []}");
        assertRefused(release("--tag", TAG, "--db", db.toString(), "--repo", REPO, "--libs", libs.toString()), 2,
            "--libs " + libs + ": not ListLibs output (expected a JSON array); pass the output of ListLibs");
    }

    @Test
    void sha256sumAcceptsTheChecksumFile() throws Exception {
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        assertEquals(0, release("--tag", TAG, "--db", db.toString(), "--repo", REPO, "--dry-run").exitCode());
        Process check;
        try {
            check = new ProcessBuilder("sha256sum", "-c", "deadzone.db.sha256").directory(dir.toFile())
                .redirectErrorStream(true).start();
        } catch (IOException noSha256sum) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "sha256sum is not installed");
            return;
        }
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), out);
        assertEquals("deadzone.db: OK\n", out);
    }

    @Test
    void aFailedCheckKeepsThePreviousChecksumFile() throws Exception {
        Path good = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        assertEquals(0, release("--tag", TAG, "--db", good.toString(), "--repo", REPO, "--dry-run").exitCode());
        byte[] before = Files.readAllBytes(dir.resolve("deadzone.db.sha256"));
        DbReleaseTest.Fixture.corrupt(good);
        assertEquals(2, release("--tag", TAG, "--db", good.toString(), "--repo", REPO, "--dry-run").exitCode());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("deadzone.db.sha256")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("deadzone.db", "deadzone.db.sha256", "deadzone.manifest.json"),
                files.map(p -> p.getFileName().toString()).sorted().toList(),
                "no temporary file is left behind");
        }
    }
}
