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

import deadzone.error.UserException;
import deadzone.github.GitHubRepo;
import deadzone.github.OriginRemote;
import deadzone.util.RunContext;
import deadzone.util.Sleeper;
import fakes.FakeGitHubApi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where DbRelease publishes when --repo is not given. */
class DbReleaseRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void githubRemotesInEveryUsualSpelling() {
        GitHubRepo expected = new GitHubRepo("acme", "deadzone.docs");
        for (String url : List.of("https://github.com/acme/deadzone.docs.git", "https://github.com/acme/deadzone.docs",
            "https://x-access-token:abc@github.com/acme/deadzone.docs.git", "git@github.com:acme/deadzone.docs.git",
            "ssh://git@github.com/acme/deadzone.docs.git", "ssh://git@github.com:22/acme/deadzone.docs", "http://github.com/acme/deadzone.docs/")) {
            assertEquals(Optional.of(expected), GitHubRepo.fromRemoteUrl(url), url);
        }
    }

    @Test
    void otherRemotesAreNotGitHub() {
        for (String url : List.of("https://gitlab.com/acme/docs.git", "git@bitbucket.org:acme/docs.git",
            "https://github.com/acme", "https://github.com/acme/docs/tree/main", "/srv/git/docs.git", "")) {
            assertEquals(Optional.empty(), GitHubRepo.fromRemoteUrl(url), url);
        }
    }

    @Test
    void ownerSlashNameIsChecked() {
        assertEquals(new GitHubRepo("acme", "docs"), GitHubRepo.parse(" acme/docs ", "--repo"));
        for (String bad : List.of("acme", "acme/docs/x", "/docs", "acme/", "ac me/docs", "acme/..")) {
            UserException e = assertThrows(UserException.class, () -> GitHubRepo.parse(bad, "--repo"), bad);
            assertTrue(e.getMessage().contains("owner/name"), e.getMessage());
        }
    }

    @Test
    void theOriginRemoteOfTheCloneIsUsed() throws Exception {
        git("init", "-q");
        git("remote", "add", "origin", "git@github.com:acme/from-origin.git");
        assertEquals(Optional.of(new GitHubRepo("acme", "from-origin")), OriginRemote.repository(dir));

        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        List<Duration> sleeps = new ArrayList<>();
        try (FakeGitHubApi fake = FakeGitHubApi.start(DbReleaseTest.Fixture.TOKEN, "acme/from-origin")) {
            fake.makePublic("acme/from-origin");
            DbRelease command = new DbRelease(RunContext.of(Map.of("GITHUB_API_URL", fake.url()), sleeps::add)
                .withWorkDir(dir));
            CliRun run = CliRun.run(command, "--tag", "t1", "--db", db.toString(), "--dry-run");
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.stdout().contains("repository: acme/from-origin"), run.stdout());
            assertTrue(fake.requests().stream().anyMatch(r -> r.path().startsWith("/repos/acme/from-origin/")),
                "the previous release was looked up in the origin's repository");
        }
    }

    @Test
    void withoutAnyRepositoryTheRunStopsWithAHint() throws Exception {
        git("init", "-q");
        git("remote", "add", "origin", "https://gitlab.com/acme/docs.git");
        Path db = DbReleaseTest.Fixture.database(dir.resolve("deadzone.db"), "first");
        DbRelease command = new DbRelease(RunContext.of(Map.of(), Sleeper.REAL).withWorkDir(dir));
        CliRun run = CliRun.run(command, "--tag", "t1", "--db", db.toString(), "--dry-run");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("DbRelease: no repository to publish to: pass --repo owner/name, set GITHUB_REPOSITORY, or run inside"
            + " a clone whose 'origin' remote is on github.com", run.errorLines());
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException noGit) {
            Assumptions.assumeTrue(false, "git is not installed");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
    }
}
