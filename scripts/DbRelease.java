///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
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
//SOURCES ../shared/deadzone/store/DatabaseCheck.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/StepSummary.java

import deadzone.cli.Cli;
import deadzone.cli.ListLibsInput;
import deadzone.cli.LogOptions;
import deadzone.error.RunFailure;
import deadzone.error.UserException;
import deadzone.github.ChecksumFile;
import deadzone.github.GitHubApiException;
import deadzone.github.GitHubClient;
import deadzone.github.GitHubFailures;
import deadzone.github.GitHubReleases;
import deadzone.github.GitHubRepo;
import deadzone.github.GitHubToken;
import deadzone.github.OriginRemote;
import deadzone.github.PreviousManifest;
import deadzone.github.Release;
import deadzone.github.ReleaseAsset;
import deadzone.github.ReleasePublisher;
import deadzone.github.RestoreReportCheck;
import deadzone.github.RetryPolicy;
import deadzone.log.Log;
import deadzone.release.DiffReport;
import deadzone.release.EntryKey;
import deadzone.release.Manifest;
import deadzone.release.ManifestFile;
import deadzone.release.ReleaseDiff;
import deadzone.release.ReleaseNotes;
import deadzone.release.ShrinkGate;
import deadzone.store.DatabaseCheck;
import deadzone.util.AtomicFiles;
import deadzone.util.Failures;
import deadzone.util.Hashes;
import deadzone.util.HttpUrls;
import deadzone.util.Json;
import deadzone.util.RunContext;
import deadzone.util.StepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "DbRelease", mixinStandardHelpOptions = true, version = "DbRelease (deadzone-pack)",
    description = {"Publishes deadzone.db, deadzone.db.sha256 and deadzone.manifest.json to the GitHub Release of a tag "
        + "(created when missing), replacing the assets of the same names.",
        "Checks the database, its manifest and the RestoreCaches report first and writes the checksum file beside the "
        + "database; then compares the manifest with the previous release's (the tag's release, else the latest) and "
        + "refuses to publish when an entry went missing or lost more than --max-shrink of its chunks. The diff goes to "
        + "$GITHUB_STEP_SUMMARY, --diff-out and the release notes. Uses the GitHub REST API with GITHUB_TOKEN (and "
        + "GITHUB_API_URL when set). Prints a JSON summary on stdout."})
public class DbRelease implements Callable<Integer> {
    @Option(names = "--tag", required = true, paramLabel = "T", description = "The release tag (created when missing).")
    String tag;

    @Option(names = "--db", defaultValue = "deadzone.db", paramLabel = "FILE",
        description = "The database to publish (default: ${DEFAULT-VALUE}); its manifest is the .manifest.json beside it.")
    Path db;

    @Option(names = "--repo", paramLabel = "OWNER/NAME",
        description = "The repository (default: GITHUB_REPOSITORY, else the github.com 'origin' remote).")
    String repo;

    @Option(names = "--report", paramLabel = "FILE",
        description = "The RestoreCaches JSON report; a failed library stops the publish.")
    Path report;

    @Option(names = "--allow-missing", description = "Publish even when the report lists failed libraries.")
    boolean allowMissing;

    @Option(names = "--libs", paramLabel = "FILE|-",
        description = "ListLibs output (the registry's entries; - reads stdin): an entry of the previous release that the "
            + "registry no longer lists is reported as removed, not as missing.")
    String libs;

    @Option(names = "--max-shrink", defaultValue = "30", paramLabel = "PERCENT",
        description = "Refuse when an entry of the previous release lost more than this share of its chunks "
            + "(default: ${DEFAULT-VALUE}).")
    double maxShrink;

    @Option(names = "--allow-shrink", description = "Publish even when entries went missing or shrank beyond --max-shrink.")
    boolean allowShrink;

    @Option(names = "--diff-out", paramLabel = "FILE", description = "Also write the diff as JSON to FILE.")
    Path diffOut;

    @Option(names = "--dry-run", description = "Check, write the checksum, compare with the previous release and print "
        + "the plan, the diff and the verdict; upload nothing (exit 1 when the publish would be refused).")
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
        if (!(maxShrink >= 0 && maxShrink <= 100)) {
            throw new UserException("--max-shrink must be a percentage from 0 to 100, not " + maxShrink);
        }
        GitHubRepo target = repository();
        URI api = apiUrl();
        GitHubToken token = dryRun ? optionalToken() : token();

        DatabaseCheck.Summary contents = DatabaseCheck.verify(db);
        Log.info("db_checked", "db", db, "libs", contents.libs(), "docs", contents.docs());
        String sha256 = Hashes.sha256Hex(db);
        Manifest manifest = ManifestFile.readFor(db, sha256, Files.size(db));
        if (report != null) {
            RestoreReportCheck.enforce(report, allowMissing);
        }
        Set<EntryKey> registry = libs == null ? null : registryEntries();
        Path checksum;
        try {
            checksum = ChecksumFile.write(db, sha256);
        } catch (IOException e) {
            throw new RunFailure("cannot write " + ChecksumFile.pathFor(db) + " (" + Failures.describe(e) + "); the folder must be writable");
        }
        Log.info("checksum_written", "file", checksum, "sha256", sha256);

        GitHubReleases releases = new GitHubReleases(new GitHubClient(api, token, context.sleeper(), RetryPolicy.DEFAULT),
            target);
        ReleaseDiff.Baseline baseline = PreviousManifest.find(releases, tag, ManifestFile.pathFor(db).getFileName().toString());
        ReleaseDiff diff = ReleaseDiff.between(baseline, manifest, registry);
        ShrinkGate.Verdict verdict = ShrinkGate.judge(diff, maxShrink, allowShrink, registry != null);
        String markdown = DiffReport.markdown(diff, verdict);
        recordDiff(diff, verdict, markdown);

        if (dryRun) {
            printPlan(target, api, contents, checksum, sha256);
            System.out.println();
            System.out.print(markdown);
            System.out.flush();
            if (verdict.refused()) {
                throw new RunFailure(verdict.refusal(baseline.source()));
            }
            return 0;
        }
        if (verdict.refused()) {
            throw new RunFailure(verdict.refusal(baseline.source()));
        }
        if (verdict.outcome() == ShrinkGate.Outcome.ALLOWED) {
            Log.warn("shrink_allowed", "publishing with --allow-shrink: " + verdict.shrunkText());
        }
        ReleasePublisher.Published published = new ReleasePublisher(releases).publish(tag, List.of(
            new ReleasePublisher.ReleaseFile(db, sha256, ReleasePublisher.DB_CONTENT_TYPE),
            new ReleasePublisher.ReleaseFile(checksum, Hashes.sha256Hex(checksum), ReleasePublisher.CHECKSUM_CONTENT_TYPE),
            new ReleasePublisher.ReleaseFile(ManifestFile.pathFor(db), Hashes.sha256Hex(ManifestFile.pathFor(db)),
                ReleasePublisher.MANIFEST_CONTENT_TYPE)));
        writeReleaseNotes(releases, published.release(), diff, verdict);
        System.out.println(Json.MAPPER.writeValueAsString(summary(target, published, contents, sha256, diff, verdict)));
        Log.info("release_published", "repo", target, "tag", tag, "url", published.release().htmlUrl());
        return 0;
    }

    /** The diff goes to the job summary, --diff-out and the log before anything is uploaded. */
    private void recordDiff(ReleaseDiff diff, ShrinkGate.Verdict verdict, String markdown) throws IOException {
        Log.info("release_diff", "baseline", diff.baseline().source(), "totals", DiffReport.totalsLine(diff),
            "verdict", verdict.outcome().label());
        try {
            StepSummary.append(context.env(), markdown);
        } catch (IOException e) {
            Log.warn("step_summary", "could not append to GITHUB_STEP_SUMMARY: " + e.getMessage());
        }
        if (diffOut != null) {
            AtomicFiles.writeString(context.workDir().resolve(diffOut), DiffReport.json(diff, verdict));
        }
    }

    /** The section of the release notes DbRelease owns, replaced; the rest of the body is left as it is. */
    private void writeReleaseNotes(GitHubReleases releases, Release release, ReleaseDiff diff, ShrinkGate.Verdict verdict) {
        try {
            Release current = releases.byTag(tag).orElse(release); // the body as it is now, not as it was before the uploads
            releases.editBody(current, ReleaseNotes.splice(current.body(), diff, verdict));
        } catch (GitHubApiException e) {
            throw new RunFailure("the assets are published, but the release notes were not updated ("
                + GitHubFailures.explain(e, releases.repo()).getMessage() + "); run DbRelease again to write them", e);
        }
    }

    private Set<EntryKey> registryEntries() throws IOException {
        Set<EntryKey> keys = new HashSet<>();
        ListLibsInput.read(libs, context).forEach(slot -> keys.add(new EntryKey(slot.libId(), slot.version())));
        return keys;
    }

    private void printPlan(GitHubRepo target, URI api, DatabaseCheck.Summary contents, Path checksum, String sha256)
        throws IOException {
        String dbName = db.getFileName().toString();
        Path manifest = ManifestFile.pathFor(db);
        System.out.println("dry run: nothing is uploaded to GitHub (the previous manifest was read)");
        System.out.println("repository: " + target + " (API " + api + ")");
        System.out.println("release: find the release tagged " + tag + ", or create it");
        System.out.println("upload: " + dbName + " (" + Files.size(db) + " bytes, " + ReleasePublisher.DB_CONTENT_TYPE
            + "; libs: " + contents.libs() + ", docs: " + contents.docs() + ")");
        System.out.println("upload: " + checksum.getFileName() + " (" + Files.size(checksum) + " bytes, "
            + ReleasePublisher.CHECKSUM_CONTENT_TYPE + "): " + ChecksumFile.line(db, sha256).strip());
        System.out.println("upload: " + manifest.getFileName() + " (" + Files.size(manifest) + " bytes, "
            + ReleasePublisher.MANIFEST_CONTENT_TYPE + ")");
        System.out.println("replace: existing " + dbName + ", " + checksum.getFileName() + " and " + manifest.getFileName()
            + " of that release, after all three uploads are complete; then the release notes' diff and coverage");
    }

    private Map<String, Object> summary(GitHubRepo target, ReleasePublisher.Published published,
                                        DatabaseCheck.Summary contents, String sha256, ReleaseDiff diff,
                                        ShrinkGate.Verdict verdict) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("repo", target.toString());
        summary.put("tag", tag);
        summary.put("release_id", published.release().id());
        summary.put("release_created", published.created());
        summary.put("release_url", published.release().htmlUrl());
        ReleaseAsset dbAsset = published.assets().get(0);
        ReleaseAsset sumAsset = published.assets().get(1);
        ReleaseAsset manifestAsset = published.assets().get(2);
        summary.put("db", Map.of("name", dbAsset.name(), "size", dbAsset.size(), "sha256", sha256));
        summary.put("checksum", Map.of("name", sumAsset.name(), "size", sumAsset.size()));
        summary.put("manifest", Map.of("name", manifestAsset.name(), "size", manifestAsset.size()));
        summary.put("libs", contents.libs());
        summary.put("docs", contents.docs());
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("baseline", diff.baseline().source());
        diff.totals().forEach((change, n) -> changes.put(change.label(), n));
        changes.put("verdict", verdict.outcome().label());
        summary.put("diff", changes);
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

    /** A dry run reads the previous release anonymously when there is no token (a private repository then looks empty). */
    private GitHubToken optionalToken() {
        String value = context.env("GITHUB_TOKEN");
        if (value == null) {
            Log.warn("no_token", "GITHUB_TOKEN is not set: reading the releases anonymously (a private repository"
                + " looks as if it had none)");
            return null;
        }
        return new GitHubToken(value);
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
