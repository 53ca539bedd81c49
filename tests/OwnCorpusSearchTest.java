//SOURCES ../scripts/Consolidate.java ../scripts/ScrapeLib.java ../scripts/Search.java
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/artifact/ScrapeState.java ../shared/deadzone/artifact/SkippedUrl.java
//SOURCES ../shared/deadzone/artifact/StateFile.java
//SOURCES ../shared/deadzone/chunk/Chunk.java ../shared/deadzone/chunk/Chunker.java
//SOURCES ../shared/deadzone/chunk/SectionSplitter.java ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/DatabaseModelOption.java
//SOURCES ../shared/deadzone/cli/HelpOption.java ../shared/deadzone/cli/LibSelection.java
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
//SOURCES ../shared/deadzone/github/RestoreReportCheck.java
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
//SOURCES ../shared/deadzone/release/EntryKey.java ../shared/deadzone/release/Manifest.java
//SOURCES ../shared/deadzone/release/ManifestEntry.java ../shared/deadzone/release/ManifestFile.java
//SOURCES ../shared/deadzone/scrape/EntryFailure.java ../shared/deadzone/scrape/EntryReport.java
//SOURCES ../shared/deadzone/scrape/EntryScraper.java ../shared/deadzone/scrape/EntryTally.java
//SOURCES ../shared/deadzone/scrape/GoPackageScraper.java ../shared/deadzone/scrape/LibraryText.java
//SOURCES ../shared/deadzone/scrape/ScrapeRun.java ../shared/deadzone/scrape/VectorReuse.java
//SOURCES ../shared/deadzone/search/ApiBeforeOverview.java ../shared/deadzone/search/FtsQuery.java
//SOURCES ../shared/deadzone/search/Fusion.java ../shared/deadzone/search/Hit.java
//SOURCES ../shared/deadzone/search/HybridSearch.java ../shared/deadzone/search/LibHit.java
//SOURCES ../shared/deadzone/search/LibIdSuggestions.java ../shared/deadzone/search/QueryTerms.java
//SOURCES ../shared/deadzone/search/ScopeHint.java ../shared/deadzone/search/SearchOutput.java
//SOURCES ../shared/deadzone/search/Snippets.java ../shared/deadzone/search/VectorIndex.java
//SOURCES ../shared/deadzone/store/ArtifactCheck.java ../shared/deadzone/store/ArtifactContent.java
//SOURCES ../shared/deadzone/store/ArtifactWriter.java ../shared/deadzone/store/Consolidator.java
//SOURCES ../shared/deadzone/store/ManifestBuilder.java ../shared/deadzone/store/PreviousArtifact.java
//SOURCES ../shared/deadzone/store/SourceRecord.java ../shared/deadzone/store/Sqlite.java
//SOURCES ../shared/deadzone/store/StoredChunk.java ../shared/deadzone/store/StoredGoFile.java
//SOURCES ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/StepSummary.java ../shared/deadzone/util/Trees.java ../shared/deadzone/util/Utf8.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java ../tools/fakes/ServedCorpus.java
//SOURCES support/CliRun.java support/OwnCorpusBuild.java support/Project.java support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.CliRun;
import support.OwnCorpusBuild;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search, the command, on the deadzone.db of the project's own corpus (the graded questions: OwnCorpusEvalTest). */
class OwnCorpusSearchTest {
    static String db() throws Exception {
        return OwnCorpusBuild.get(ScrapeLib::new, Consolidate::new).db.toString();
    }

    static List<JsonNode> search(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--db", db(), "--json"));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(new Search(), all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        List<JsonNode> hits = new ArrayList<>();
        Json.MAPPER.readTree(run.stdout()).forEach(hits::add);
        return hits;
    }

    @Test
    void libAndVersionFiltersHold() throws Exception {
        List<JsonNode> hits = search("how many attempts does a job get", "--lib", "/tidewater/tidewater", "--version", "2.1",
            "--limit", "8");
        assertFalse(hits.isEmpty());
        for (JsonNode h : hits) {
            assertEquals("/tidewater/tidewater", h.get("lib_id").asText());
            assertEquals("2.1", h.get("version").asText());
            assertTrue(h.get("url").asText().contains("/v2.1.0/"), h.get("url").asText());
        }
        assertTrue(hits.stream().limit(3).anyMatch(h -> h.get("content").asText().contains("retry_limit")),
            "2.1's answer (retry_limit) in the first three: " + hits);
        List<JsonNode> strata = search("how do I read settings", "--lib", "/strata-dev/strata", "--limit", "8");
        assertFalse(strata.isEmpty());
        strata.forEach(h -> assertEquals("/strata-dev/strata", h.get("lib_id").asText()));
    }

    @Test
    void everySnippetSaysItsVersionAndTheAnswerFitsTheBudget() throws Exception {
        List<JsonNode> hits = search("retries and backoff", "--lib", "/tidewater/tidewater", "--tokens", "600", "--limit", "10");
        assertFalse(hits.isEmpty());
        int chars = 0;
        for (JsonNode h : hits) {
            assertTrue(List.of("2.0", "2.1").contains(h.get("version").asText()), h.toString());
            chars += h.get("content").asText().length();
        }
        assertTrue(chars <= 600 * 4, "about 4 characters a token: " + chars);
        CliRun text = CliRun.run(new Search(), "--db", db(), "TIDEWATER_BROKER_URL", "--limit", "2");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.stdout().startsWith("## /tidewater/tidewater (version"), text.stdout());
    }

    /** Whatever FTS5 syntax a query holds, Search answers: it never reaches SQLite as syntax. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"", "*", "-", ":", "NEAR", "NEAR(a b)", "(", ")", "a AND", "NOT", "\"unbalanced",
        "title:foo", "-x OR", "^", "{col}: x", "''", "a\tb"})
    void ftsSyntaxInQueriesNeverErrors(String query) throws Exception {
        // "--" ends the options, as usual on a command line, so a query may start with '-'.
        CliRun run = CliRun.run(new Search(), "--db", db(), "--json", "--", query);
        assertEquals(0, run.exitCode(), run.toString());
        Json.MAPPER.readTree(run.stdout());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java http client with connection pooling => /kestrel-http/kestrel",
        "validate CSV files against a schema => /marrow-py/marrow",
        "python background job queue => /tidewater/tidewater",
        "layered configuration from files and environment variables => /strata-dev/strata"})
    void libraryRankingFindsTheRightLibrary(String testCase) throws Exception {
        String query = testCase.split(" => ")[0];
        CliRun run = CliRun.run(new Search(), "--db", db(), "--libs", query, "--json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode libs = Json.MAPPER.readTree(run.stdout());
        assertEquals(testCase.split(" => ")[1], libs.get(0).get("lib_id").asText(), libs.toString());
    }

    /**
     * The Go package's overview scores a little higher than cadence.Limiter for a question about
     * sharing a limiter (it says "share it between goroutines" too); directly followed by its own
     * package's documents, it gives way to the identifier asked for and comes right after it. Where
     * another library's chunks lie between, or the question asks about the package itself (the word
     * "package", or its import path), the overview keeps first place.
     */
    @Test
    void aGoPackagesApiComesBeforeItsOverview() throws Exception {
        List<JsonNode> shared = search("share one rate limiter between goroutines", "--limit", "3");
        List<String> firstTwo = shared.stream().limit(2).map(h -> h.get("title").asText()).toList();
        assertEquals(List.of("cadence.Limiter", "cadence package"), firstTwo, shared.toString());
        assertTrue(shared.get(1).get("score").asDouble() > shared.get(0).get("score").asDouble(),
            "the overview scored higher and still follows: " + shared);
        assertTrue(shared.get(1).get("url").asText().endsWith("#pkg-overview"), shared.get(1).toString());
        List<JsonNode> synopsis = search("token-bucket rate limiters and backoff schedules", "--limit", "3");
        assertEquals("cadence package", synopsis.get(0).get("title").asText(), synopsis.toString());
        assertFalse(synopsis.get(1).get("lib_id").asText().equals("/pacer-dev/pacer/cadence"), synopsis.toString());
        for (String aboutThePackage : List.of("what is the cadence package for", "what is pacer/cadence for",
                "what is github.com/pacer-dev/pacer/cadence for")) {
            List<JsonNode> hits = search(aboutThePackage, "--limit", "3");
            assertEquals("cadence package", hits.get(0).get("title").asText(), aboutThePackage + ": " + hits);
            assertEquals("/pacer-dev/pacer/cadence", hits.get(1).get("lib_id").asText(), "an identifier could have moved up: " + hits);
        }
    }

    @Test
    void usageErrorsExitTwoWithOneLine() throws Exception {
        CliRun versionAlone = CliRun.run(new Search(), "--db", db(), "x", "--version", "2.1");
        assertEquals(2, versionAlone.exitCode());
        assertTrue(versionAlone.errorLines().contains("--version needs --lib"), versionAlone.toString());
        CliRun unknownLib = CliRun.run(new Search(), "--db", db(), "x", "--lib", "/nope/nope");
        assertEquals(2, unknownLib.exitCode());
        assertTrue(unknownLib.errorLines().contains("--lib /nope/nope: not in"), unknownLib.toString());
        CliRun unknownVersion = CliRun.run(new Search(), "--db", db(), "x", "--lib", "/tidewater/tidewater", "--version", "9.9");
        assertEquals(2, unknownVersion.exitCode());
        assertTrue(unknownVersion.errorLines().contains("has versions 2.0, 2.1"), unknownVersion.toString());
        assertEquals(1, unknownVersion.errorLines().lines().count(), unknownVersion.toString());
        CliRun nothing = CliRun.run(new Search(), "--db", db());
        assertEquals(2, nothing.exitCode());
    }
}
