//SOURCES ../scripts/Consolidate.java ../scripts/DbRelease.java ../scripts/ScrapeLib.java
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/artifact/ScrapeState.java ../shared/deadzone/artifact/SkippedUrl.java
//SOURCES ../shared/deadzone/artifact/StateFile.java
//SOURCES ../shared/deadzone/chunk/Chunk.java ../shared/deadzone/chunk/Chunker.java
//SOURCES ../shared/deadzone/chunk/SectionSplitter.java ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/HelpOption.java
//SOURCES ../shared/deadzone/cli/LibSelection.java ../shared/deadzone/cli/ListLibsInput.java
//SOURCES ../shared/deadzone/cli/LogOptions.java ../shared/deadzone/cli/RegistryOptions.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/fetch/CappedBody.java ../shared/deadzone/fetch/DocumentText.java
//SOURCES ../shared/deadzone/fetch/FetchResult.java ../shared/deadzone/fetch/FetchSettings.java
//SOURCES ../shared/deadzone/fetch/Fetcher.java ../shared/deadzone/fetch/FetchingIncludeSource.java
//SOURCES ../shared/deadzone/fetch/GitHubAuth.java ../shared/deadzone/fetch/Validators.java
//SOURCES ../shared/deadzone/github/ChecksumFile.java ../shared/deadzone/github/GitHubApiException.java
//SOURCES ../shared/deadzone/github/GitHubClient.java ../shared/deadzone/github/GitHubFailures.java
//SOURCES ../shared/deadzone/github/GitHubReleases.java ../shared/deadzone/github/GitHubRepo.java
//SOURCES ../shared/deadzone/github/GitHubToken.java ../shared/deadzone/github/OriginRemote.java
//SOURCES ../shared/deadzone/github/PreviousManifest.java ../shared/deadzone/github/Release.java
//SOURCES ../shared/deadzone/github/ReleaseAsset.java ../shared/deadzone/github/ReleasePublisher.java
//SOURCES ../shared/deadzone/github/RestoreReportCheck.java ../shared/deadzone/github/RetryPolicy.java
//SOURCES ../shared/deadzone/godoc/BuildConstraints.java ../shared/deadzone/godoc/ChecksumDatabase.java
//SOURCES ../shared/deadzone/godoc/CommentGroups.java ../shared/deadzone/godoc/CommentText.java
//SOURCES ../shared/deadzone/godoc/ContentsListing.java ../shared/deadzone/godoc/DirHash.java
//SOURCES ../shared/deadzone/godoc/DocComment.java ../shared/deadzone/godoc/DocumentBuilder.java
//SOURCES ../shared/deadzone/godoc/GoDocs.java ../shared/deadzone/godoc/GoDocument.java
//SOURCES ../shared/deadzone/godoc/GoFile.java ../shared/deadzone/godoc/GoFileProblem.java
//SOURCES ../shared/deadzone/godoc/GoFileReader.java ../shared/deadzone/godoc/GoLexer.java
//SOURCES ../shared/deadzone/godoc/GoPackageDocs.java ../shared/deadzone/godoc/GoPackageUrl.java
//SOURCES ../shared/deadzone/godoc/GoSkippedFile.java ../shared/deadzone/godoc/GoSourceFile.java
//SOURCES ../shared/deadzone/godoc/GoSyntaxException.java ../shared/deadzone/godoc/GoTokens.java
//SOURCES ../shared/deadzone/godoc/ModulePath.java ../shared/deadzone/godoc/ModuleSourceException.java
//SOURCES ../shared/deadzone/godoc/ModuleZip.java ../shared/deadzone/godoc/NoteVerifier.java
//SOURCES ../shared/deadzone/godoc/PackageOverview.java ../shared/deadzone/godoc/PackageReader.java
//SOURCES ../shared/deadzone/godoc/ZipReader.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/AtxHeading.java ../shared/deadzone/parse/BlankLines.java
//SOURCES ../shared/deadzone/parse/CachingIncludeSource.java ../shared/deadzone/parse/CodeLanguages.java
//SOURCES ../shared/deadzone/parse/DocumentNames.java ../shared/deadzone/parse/Fence.java
//SOURCES ../shared/deadzone/parse/FenceTracker.java ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/parse/HtmlParser.java ../shared/deadzone/parse/HtmlToMarkdown.java
//SOURCES ../shared/deadzone/parse/IncludeBase.java ../shared/deadzone/parse/IncludeResolver.java
//SOURCES ../shared/deadzone/parse/IncludeSource.java ../shared/deadzone/parse/MarkdownIncludes.java
//SOURCES ../shared/deadzone/parse/MarkdownParser.java ../shared/deadzone/parse/OutputBudget.java
//SOURCES ../shared/deadzone/parse/ParseLimitExceeded.java ../shared/deadzone/parse/ParsedDocument.java
//SOURCES ../shared/deadzone/parse/Parsers.java ../shared/deadzone/parse/RstBlocks.java
//SOURCES ../shared/deadzone/parse/RstInline.java ../shared/deadzone/parse/RstParser.java
//SOURCES ../shared/deadzone/parse/Section.java ../shared/deadzone/parse/SectionCollector.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/LibrarySpec.java
//SOURCES ../shared/deadzone/registry/MatrixJson.java ../shared/deadzone/registry/Registry.java
//SOURCES ../shared/deadzone/registry/RegistryException.java ../shared/deadzone/registry/RegistryLoader.java
//SOURCES ../shared/deadzone/registry/ResolvedEntry.java ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/registry/VersionSpec.java
//SOURCES ../shared/deadzone/release/DiffReport.java ../shared/deadzone/release/EntryKey.java
//SOURCES ../shared/deadzone/release/Manifest.java ../shared/deadzone/release/ManifestEntry.java
//SOURCES ../shared/deadzone/release/ManifestFile.java ../shared/deadzone/release/MarkdownTable.java
//SOURCES ../shared/deadzone/release/ReleaseDiff.java ../shared/deadzone/release/ReleaseNotes.java
//SOURCES ../shared/deadzone/release/ShrinkGate.java
//SOURCES ../shared/deadzone/scrape/EntryFailure.java ../shared/deadzone/scrape/EntryReport.java
//SOURCES ../shared/deadzone/scrape/EntryScraper.java ../shared/deadzone/scrape/EntryTally.java
//SOURCES ../shared/deadzone/scrape/GoPackageScraper.java ../shared/deadzone/scrape/LibraryText.java
//SOURCES ../shared/deadzone/scrape/ScrapeRun.java ../shared/deadzone/scrape/VectorReuse.java
//SOURCES ../shared/deadzone/store/ArtifactCheck.java ../shared/deadzone/store/ArtifactContent.java
//SOURCES ../shared/deadzone/store/ArtifactWriter.java ../shared/deadzone/store/Consolidator.java
//SOURCES ../shared/deadzone/store/DatabaseCheck.java ../shared/deadzone/store/ManifestBuilder.java
//SOURCES ../shared/deadzone/store/PreviousArtifact.java ../shared/deadzone/store/SourceRecord.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/StoredChunk.java
//SOURCES ../shared/deadzone/store/StoredGoFile.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/StepSummary.java ../shared/deadzone/util/Utf8.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/FakeGitHubApi.java ../tools/fakes/Fixtures.java
//SOURCES DbReleaseTest.java
//SOURCES support/CliRun.java support/Project.java support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fakes.DocServer;
import fakes.FakeGitHubApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.Project;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The case the shrink gate exists for, end to end on our own corpus (tests/fixtures): a docs
 * server that lost 40 % of a library's pages. ScrapeLib still succeeds (a 404 is a skipped page),
 * Consolidate builds the smaller database, and DbRelease refuses to publish it over the previous
 * release, naming the library, until --allow-shrink.
 */
class DbReleaseShrinkTest {
    private static final String REPO = DbReleaseTest.REPO;
    private static final String TAG = DbReleaseTest.TAG;
    private static final String TIDEWATER = "/raw/tidewater/tidewater/v2.0.0/";
    /** Ten pages of Tidewater 2.0; the last four are the ones the server loses. */
    private static final List<String> PAGES = List.of("README.md", "docs/en/docs/advanced/scheduling.md",
        "docs/en/docs/advanced/queues.md", "docs/en/docs/advanced/results.md", "docs/en/docs/advanced/testing.md",
        "docs/en/docs/advanced/monitoring.md", "docs/en/docs/tutorial/first-job.md", "docs/en/docs/tutorial/retries.md",
        "docs/en/docs/advanced/configuration.md", "docs/en/docs/troubleshooting.md");
    private static final int LOST = 4;

    @TempDir
    Path dir;

    @Test
    void aLibraryWhoseDocsServerLost40PercentOfItsPagesIsNotPublishedUntilAllowed() throws Exception {
        Path corpus = Project.root().resolve("tests/fixtures");
        List<Duration> sleeps = new ArrayList<>();
        try (DocServer docs = DocServer.builder().mount("/raw/", corpus.resolve("raw")).mount("/site/", corpus.resolve("site"))
                 .start();
             FakeGitHubApi github = FakeGitHubApi.start(DbReleaseTest.Fixture.TOKEN, REPO)) {
            Path registry = registry(docs);
            Path artifacts = dir.resolve("artifacts");
            Path db = dir.resolve("deadzone.db");
            Path diffFile = dir.resolve("diff.json");

            scrapeAndConsolidate(registry, artifacts, db);
            assertEquals(0, DbReleaseTest.Fixture.run(github, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(),
                "--repo", REPO).exitCode());
            byte[] published = Files.readAllBytes(db);

            for (String page : PAGES.subList(PAGES.size() - LOST, PAGES.size())) {
                docs.failAlways(TIDEWATER + page, 404);
            }
            CliRun scrape = scrapeAndConsolidate(registry, artifacts, db);
            assertTrue(scrape.stderr().contains("\"event\":\"url_skipped\""), "the lost pages were skipped: " + scrape);

            int before = github.requests().size();
            CliRun refused = DbReleaseTest.Fixture.run(github, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(),
                "--repo", REPO, "--diff-out", diffFile.toString());
            assertEquals(1, refused.exitCode(), refused.toString());
            assertEquals(1, refused.errorLines().lines().count(), refused.toString());
            JsonNode diff = new ObjectMapper().readTree(diffFile.toFile());
            JsonNode tidewater = entry(diff, "/tidewater/tidewater");
            assertEquals("changed", tidewater.path("change").asText());
            assertEquals(10, tidewater.path("docs_before").asInt());
            assertEquals(6, tidewater.path("docs_after").asInt());
            double lost = tidewater.path("lost_percent").asDouble();
            assertTrue(lost > 30, "the lost pages held more than 30 % of the chunks: " + tidewater);
            assertTrue(refused.errorLines().startsWith("DbRelease: refusing to publish: 1 entry of the previous release"
                + " (release `" + TAG + "`) shrank: /tidewater/tidewater 2.0 lost "), refused.toString());
            assertTrue(refused.errorLines().contains("(" + tidewater.path("chunks_before").asInt() + " → "
                + tidewater.path("chunks_after").asInt() + ")"), refused.toString());
            assertEquals("unchanged", entry(diff, "/marrow-py/marrow").path("change").asText());
            assertTrue(github.requests().subList(before, github.requests().size()).stream()
                .allMatch(r -> r.method().equals("GET")), "nothing was uploaded");
            long release = github.releaseId(REPO, TAG).orElseThrow();
            assertArrayEquals(published, github.assets(release).stream().filter(a -> a.name().equals("deadzone.db"))
                .findFirst().orElseThrow().bytes(), "the release keeps the complete database");

            CliRun allowed = DbReleaseTest.Fixture.run(github, sleeps, Map.of(), "--tag", TAG, "--db", db.toString(),
                "--repo", REPO, "--allow-shrink");
            assertEquals(0, allowed.exitCode(), allowed.toString());
            assertArrayEquals(Files.readAllBytes(db), github.assets(release).stream()
                .filter(a -> a.name().equals("deadzone.db")).findFirst().orElseThrow().bytes());
        }
    }

    /** Tidewater 2.0 (ten pages) and Marrow, from our own corpus, on {@code docs}. */
    private Path registry(DocServer docs) throws Exception {
        StringBuilder yaml = new StringBuilder("libraries:\n  - lib_id: /tidewater/tidewater\n    kind: github-md\n"
            + "    versions:\n      \"2.0\": { ref: v2.0.0 }\n    urls:\n");
        for (String page : PAGES) {
            yaml.append("      - ").append(docs.baseUrl()).append("/raw/tidewater/tidewater/{ref}/").append(page).append('\n');
        }
        yaml.append("  - lib_id: /marrow-py/marrow\n    kind: html\n    urls:\n");
        for (String page : List.of("index.html", "validators.html", "types.html")) {
            yaml.append("      - ").append(docs.baseUrl()).append("/site/marrow.example/en/stable/").append(page).append('\n');
        }
        return Files.writeString(dir.resolve("libraries_sources.yaml"), yaml.toString(), StandardCharsets.UTF_8);
    }

    private static CliRun scrapeAndConsolidate(Path registry, Path artifacts, Path db) {
        CliRun scrape = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString());
        assertEquals(0, scrape.exitCode(), scrape.toString());
        CliRun consolidate = CliRun.run(new Consolidate(), "--artifacts", artifacts.toString(), "--db", db.toString());
        assertEquals(0, consolidate.exitCode(), consolidate.toString());
        return scrape;
    }

    private static JsonNode entry(JsonNode diff, String libId) {
        for (JsonNode e : diff.path("entries")) {
            if (e.path("lib_id").asText().equals(libId)) {
                return e;
            }
        }
        throw new AssertionError("no entry " + libId + " in " + diff);
    }
}
