///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/EmbedderIdentity.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/github/ChecksumFile.java ../shared/deadzone/github/GitHubApiException.java
//SOURCES ../shared/deadzone/github/GitHubClient.java ../shared/deadzone/github/GitHubFailures.java
//SOURCES ../shared/deadzone/github/GitHubReleases.java ../shared/deadzone/github/GitHubRepo.java
//SOURCES ../shared/deadzone/github/GitHubToken.java ../shared/deadzone/github/OriginRemote.java
//SOURCES ../shared/deadzone/github/Release.java ../shared/deadzone/github/ReleaseAsset.java
//SOURCES ../shared/deadzone/github/ReleasePublisher.java ../shared/deadzone/github/RestoreReportCheck.java
//SOURCES ../shared/deadzone/github/RetryPolicy.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/store/DatabaseCheck.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java

import deadzone.cli.Cli;
import deadzone.cli.LogOptions;
import deadzone.error.RunFailure;
import deadzone.error.UserException;
import deadzone.github.ChecksumFile;
import deadzone.github.GitHubClient;
import deadzone.github.GitHubReleases;
import deadzone.github.GitHubRepo;
import deadzone.github.GitHubToken;
import deadzone.github.OriginRemote;
import deadzone.github.ReleasePublisher;
import deadzone.github.RestoreReportCheck;
import deadzone.github.RetryPolicy;
import deadzone.log.Log;
import deadzone.store.DatabaseCheck;
import deadzone.util.Failures;
import deadzone.util.Hashes;
import deadzone.util.HttpUrls;
import deadzone.util.Json;
import deadzone.util.RunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "DbRelease", mixinStandardHelpOptions = true, version = "DbRelease (deadzone-pack)",
    description = {"Publishes deadzone.db and deadzone.db.sha256 to the GitHub Release of a tag (created when missing), "
        + "replacing the assets of the same names.",
        "Checks the database and the RestoreCaches report first and writes the checksum file beside the database; "
        + "then uses the GitHub REST API with GITHUB_TOKEN (and GITHUB_API_URL when set). Prints a JSON summary on stdout."})
public class DbRelease implements Callable<Integer> {
    @Option(names = "--tag", required = true, paramLabel = "T", description = "The release tag (created when missing).")
    String tag;

    @Option(names = "--db", defaultValue = "deadzone.db", paramLabel = "FILE",
        description = "The database to publish (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--repo", paramLabel = "OWNER/NAME",
        description = "The repository (default: GITHUB_REPOSITORY, else the github.com 'origin' remote).")
    String repo;

    @Option(names = "--report", paramLabel = "FILE",
        description = "The RestoreCaches JSON report; a failed library stops the publish.")
    Path report;

    @Option(names = "--allow-missing", description = "Publish even when the report lists failed libraries.")
    boolean allowMissing;

    @Option(names = "--dry-run", description = "Check and write the checksum, print the plan, send nothing.")
    boolean dryRun;

    @Mixin
    LogOptions logOptions;

    private final RunContext context;

    public DbRelease() {
        this(RunContext.process());
    }

    /** Tests pass their own environment, working folder and sleeper. */
    public DbRelease(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (tag.isBlank()) {
            throw new UserException("--tag is empty; give the release tag to publish to (for example: docs-2025.06)");
        }
        GitHubRepo target = repository();
        URI api = apiUrl();
        GitHubToken token = dryRun ? null : token();

        DatabaseCheck.Summary contents = DatabaseCheck.verify(db);
        Log.info("db_checked", "db", db, "libs", contents.libs(), "docs", contents.docs());
        if (report != null) {
            RestoreReportCheck.enforce(report, allowMissing);
        }
        String sha256 = Hashes.sha256Hex(db);
        Path checksum;
        try {
            checksum = ChecksumFile.write(db, sha256);
        } catch (IOException e) {
            throw new RunFailure("cannot write " + ChecksumFile.pathFor(db) + " (" + Failures.describe(e) + "); the folder must be writable");
        }
        Log.info("checksum_written", "file", checksum, "sha256", sha256);

        if (dryRun) {
            printPlan(target, api, contents, checksum, sha256);
            return 0;
        }
        GitHubClient client = new GitHubClient(api, token, context.sleeper(), RetryPolicy.DEFAULT);
        ReleasePublisher.Published published =
            new ReleasePublisher(new GitHubReleases(client, target)).publish(tag, db, sha256, checksum);
        System.out.println(Json.MAPPER.writeValueAsString(summary(target, published, contents, sha256)));
        Log.info("release_published", "repo", target, "tag", tag, "url", published.release().htmlUrl());
        return 0;
    }

    private void printPlan(GitHubRepo target, URI api, DatabaseCheck.Summary contents, Path checksum, String sha256)
        throws IOException {
        String dbName = db.getFileName().toString();
        System.out.println("dry run: nothing is sent to GitHub");
        System.out.println("repository: " + target + " (API " + api + ")");
        System.out.println("release: find the release tagged " + tag + ", or create it");
        System.out.println("upload: " + dbName + " (" + Files.size(db) + " bytes, " + ReleasePublisher.DB_CONTENT_TYPE
            + "; libs: " + contents.libs() + ", docs: " + contents.docs() + ")");
        System.out.println("upload: " + checksum.getFileName() + " (" + Files.size(checksum) + " bytes, "
            + ReleasePublisher.CHECKSUM_CONTENT_TYPE + "): " + ChecksumFile.line(db, sha256).strip());
        System.out.println("replace: existing " + dbName + " and " + checksum.getFileName()
            + " of that release, after both uploads are complete");
    }

    private Map<String, Object> summary(GitHubRepo target, ReleasePublisher.Published published,
                                        DatabaseCheck.Summary contents, String sha256) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("repo", target.toString());
        summary.put("tag", tag);
        summary.put("release_id", published.release().id());
        summary.put("release_created", published.created());
        summary.put("release_url", published.release().htmlUrl());
        summary.put("db", Map.of("name", published.db().name(), "size", published.db().size(), "sha256", sha256));
        summary.put("checksum", Map.of("name", published.checksum().name(), "size", published.checksum().size()));
        summary.put("libs", contents.libs());
        summary.put("docs", contents.docs());
        return summary;
    }

    private GitHubRepo repository() {
        if (repo != null) {
            return GitHubRepo.parse(repo, "--repo");
        }
        String fromEnv = context.env("GITHUB_REPOSITORY");
        if (fromEnv != null) {
            return GitHubRepo.parse(fromEnv, "GITHUB_REPOSITORY");
        }
        // Where `git remote get-url origin` runs when neither --repo nor GITHUB_REPOSITORY is set.
        return OriginRemote.repository(context.workDir()).orElseThrow(() -> new UserException(
            "no repository to publish to: pass --repo owner/name, set GITHUB_REPOSITORY, or run inside a clone"
                + " whose 'origin' remote is on github.com"));
    }

    private URI apiUrl() {
        String configured = context.env("GITHUB_API_URL");
        if (configured == null) {
            return GitHubClient.PUBLIC_API;
        }
        try {
            URI uri = new URI(configured.strip());
            if (!HttpUrls.isHttp(uri)) {
                throw new UserException("GITHUB_API_URL '" + configured + "' is not an http(s) URL; unset it for "
                    + GitHubClient.PUBLIC_API);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserException("GITHUB_API_URL '" + configured + "' is not a URL; unset it for " + GitHubClient.PUBLIC_API);
        }
    }

    private GitHubToken token() {
        String value = context.env("GITHUB_TOKEN");
        if (value == null) {
            throw new UserException("GITHUB_TOKEN is not set; publishing needs a token that may write releases"
                + " (in a workflow: env GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} and permissions: contents: write)");
        }
        return new GitHubToken(value);
    }

    public static void main(String... args) {
        Cli.main(new DbRelease(), args);
    }
}
