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

import deadzone.error.UserException;
import deadzone.store.Sqlite;
import deadzone.util.RunContext;
import deadzone.util.Sleeper;
import fakes.DocServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.CliRun;
import support.Tables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SOURCE_DATE_EPOCH (reproducible-builds.org): the same input and the same epoch give the same bytes. */
class ReproducibleBuildTest {
    private static final String EPOCH = "1764633600"; // 2025-12-02T00:00:00Z

    @TempDir
    Path dir;

    @Test
    void theEpochFixesTheClockAndNothingElseDoes() {
        RunContext fixed = RunContext.of(Map.of(RunContext.SOURCE_DATE_EPOCH, EPOCH), Sleeper.REAL);
        assertEquals(Instant.parse("2025-12-02T00:00:00Z"), fixed.clock().instant());
        Instant before = Instant.now();
        Instant now = RunContext.of(Map.of(), Sleeper.REAL).clock().instant();
        assertFalse(now.isBefore(before), "without the variable the clock is the system's");
        assertFalse(RunContext.of(Map.of(RunContext.SOURCE_DATE_EPOCH, " "), Sleeper.REAL).clock().instant().isBefore(before),
            "a blank variable is unset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "1.5", "99999999999999999999"})
    void aMalformedEpochIsOneClearLine(String value) {
        UserException e = assertThrows(UserException.class,
            () -> RunContext.of(Map.of(RunContext.SOURCE_DATE_EPOCH, value), Sleeper.REAL).clock());
        assertTrue(e.getMessage().startsWith("SOURCE_DATE_EPOCH '" + value + "' is not a number of seconds"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** Two scrapes of the same pages with the same epoch write the same artifact.db and state.yaml, byte for byte. */
    @Test
    void twoScrapesWithOneEpochAreByteIdentical() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("a.md"), "# Widgets\n\nBuild a widget with `widget()`.\n\n## Usage\n\nCall it twice.\n");
        try (DocServer server = DocServer.builder().mount("/docs/", docs).start()) {
            Path registry = Files.writeString(dir.resolve("libraries_sources.yaml"),
                "libraries:\n  - lib_id: /acme/widgets\n    kind: github-md\n    urls: [" + server.url("/docs/a.md") + "]\n");
            RunContext context = RunContext.of(Map.of(RunContext.SOURCE_DATE_EPOCH, EPOCH), Sleeper.REAL);
            Path first = dir.resolve("first");
            Path second = dir.resolve("second");
            for (Path artifacts : new Path[] {first, second}) {
                CliRun run = CliRun.run(new ScrapeLib(context), "--config", registry.toString(), "--artifacts", artifacts.toString());
                assertEquals(0, run.exitCode(), run.toString());
            }
            for (String file : new String[] {"artifact.db", "state.yaml"}) {
                assertArrayEquals(Files.readAllBytes(first.resolve("acme_widgets").resolve(file)),
                    Files.readAllBytes(second.resolve("acme_widgets").resolve(file)), file);
            }
            String state = Files.readString(first.resolve("acme_widgets/state.yaml"));
            assertTrue(state.contains("created_at: 2025-12-02T00:00:00Z") && state.contains("updated_at: 2025-12-02T00:00:00Z"), state);
            try (Connection conn = Sqlite.openReadOnly(first.resolve("acme_widgets/artifact.db"))) {
                assertEquals("2025-12-02T00:00:00Z", Tables.string(conn, "SELECT scraped_at FROM libs"));
            }
        }
    }
}
