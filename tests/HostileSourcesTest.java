//SOURCES ../scripts/ScrapeLib.java
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/artifact/ScrapeState.java ../shared/deadzone/artifact/SkippedUrl.java
//SOURCES ../shared/deadzone/artifact/StateFile.java
//SOURCES ../shared/deadzone/chunk/Chunk.java ../shared/deadzone/chunk/Chunker.java
//SOURCES ../shared/deadzone/chunk/SectionSplitter.java ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/HelpOption.java
//SOURCES ../shared/deadzone/cli/LibSelection.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/cli/RegistryOptions.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/fetch/CappedBody.java ../shared/deadzone/fetch/DocumentText.java
//SOURCES ../shared/deadzone/fetch/FetchResult.java ../shared/deadzone/fetch/FetchSettings.java
//SOURCES ../shared/deadzone/fetch/Fetcher.java ../shared/deadzone/fetch/FetchingIncludeSource.java
//SOURCES ../shared/deadzone/fetch/GitHubAuth.java ../shared/deadzone/fetch/Validators.java
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
//SOURCES ../shared/deadzone/registry/Registry.java ../shared/deadzone/registry/RegistryException.java
//SOURCES ../shared/deadzone/registry/RegistryLoader.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/registry/Slugs.java ../shared/deadzone/registry/VersionSpec.java
//SOURCES ../shared/deadzone/scrape/EntryFailure.java ../shared/deadzone/scrape/EntryReport.java
//SOURCES ../shared/deadzone/scrape/EntryScraper.java ../shared/deadzone/scrape/EntryTally.java
//SOURCES ../shared/deadzone/scrape/GoPackageScraper.java ../shared/deadzone/scrape/LibraryText.java
//SOURCES ../shared/deadzone/scrape/ScrapeRun.java ../shared/deadzone/scrape/VectorReuse.java
//SOURCES ../shared/deadzone/store/ArtifactContent.java ../shared/deadzone/store/ArtifactWriter.java
//SOURCES ../shared/deadzone/store/PreviousArtifact.java ../shared/deadzone/store/SourceRecord.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/StoredChunk.java
//SOURCES ../shared/deadzone/store/StoredGoFile.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java ../shared/deadzone/util/Utf8.java
//SOURCES ../tools/fakes/DocServer.java
//SOURCES support/CliRun.java support/Tables.java support/UserFacingLines.java

import deadzone.store.Sqlite;
import fakes.DocServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import support.CliRun;
import support.Tables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ScrapeLib against a hostile documentation site, on small registries of its own (issue 15): a
 * page's includes stay on its host and under its ref; what a page costs to parse is bounded.
 */
class HostileSourcesTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(Path artifacts, String slug) throws Exception {
        return (Map<String, Object>) new Load(LoadSettings.builder().build())
            .loadFromString(Files.readString(artifacts.resolve(slug).resolve("state.yaml")));
    }

    /** A page that costs more to parse than any documentation page is skipped with the reason; the entry goes on. */
    @Test
    void aDeeplyNestedPageIsSkippedWithItsReason() throws Exception {
        Path site = dir.resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("deep.html"), "<html><body><main><h1>Deep</h1>" + "<blockquote><p>q</p>\n".repeat(10_000)
            + "</blockquote>".repeat(10_000) + "</main></body></html>");
        Files.writeString(site.resolve("fine.html"), "<html><body><main><h1>Fine</h1><p>A page about widgets.</p></main></body></html>");
        try (DocServer server = DocServer.builder().mount("/site/", site).start()) {
            Path registry = dir.resolve("registry.yaml");
            Files.writeString(registry, "libraries:\n  - lib_id: /acme/site\n    kind: html\n    urls:\n"
                + "      - " + server.url("/site/deep.html") + "\n      - " + server.url("/site/fine.html") + "\n");
            Path artifacts = dir.resolve("artifacts");
            CliRun run = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString());
            assertEquals(0, run.exitCode(), run.toString());
            @SuppressWarnings("unchecked")
            List<Map<String, String>> skipped = (List<Map<String, String>>) state(artifacts, "acme_site").get("skipped");
            assertEquals(1, skipped.size(), skipped.toString());
            assertTrue(skipped.get(0).get("url").endsWith("/site/deep.html"));
            assertEquals("not parsed: its HTML is nested more than 128 elements deep", skipped.get(0).get("reason"));
            assertEquals(1, ((Number) state(artifacts, "acme_site").get("doc_count")).intValue());
        }
    }

    /** The escapes a hostile docs site tried: above its ref, the root of its host, another host. */
    @Test
    void includesStayUnderThePagesHostAndRef() throws Exception {
        Path site = dir.resolve("site");
        Files.createDirectories(site.resolve("acme/widgets/v1/docs"));
        Files.createDirectories(site.resolve("acme/widgets/v1/src"));
        Files.writeString(site.resolve("acme/widgets/v1/src/ok.py"), "print('inside the ref')\n");
        Files.writeString(site.resolve("acme/secret.txt"), "outside the ref\n");
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Files.writeString(elsewhere.resolve("x.py"), "print('another host')\n");
        try (DocServer server = DocServer.builder().mount("/raw/", site).start();
             DocServer other = DocServer.builder().mount("/", elsewhere).start()) {
            Files.writeString(site.resolve("acme/widgets/v1/docs/page.md"), "# Widgets\n\nIntro.\n\n{* ../src/ok.py *}\n\n"
                + "--8<-- \"../../../secret.txt\"\n\n--8<-- \"/raw/acme/secret.txt\"\n\n--8<-- \"" + other.url("/x.py") + "\"\n");
            Path registry = dir.resolve("registry.yaml");
            Files.writeString(registry, "libraries:\n  - lib_id: /acme/widgets\n    kind: github-md\n    ref: v1\n    urls:\n"
                + "      - " + server.url("/raw/acme/widgets/{ref}/docs/page.md") + "\n");
            Path artifacts = dir.resolve("artifacts");
            CliRun run = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString());
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(List.of(), other.requests(), "nothing asked of another host");
            assertTrue(server.requests().stream().noneMatch(r -> r.path().contains("secret")), server.requests().toString());
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) state(artifacts, "acme_widgets").get("include_problems");
            assertEquals(3, problems.size(), problems.toString());
            assertTrue(problems.stream().allMatch(p -> p.contains("include refused: ")), problems.toString());
            String text;
            try (Connection conn = Sqlite.openReadOnly(artifacts.resolve("acme_widgets/artifact.db"))) {
                text = Tables.string(conn, "SELECT group_concat(content, '\n') FROM docs");
            }
            assertTrue(text.contains("inside the ref"), text);
            assertFalse(text.contains("outside the ref") || text.contains("another host"), text);
        }
    }

}
