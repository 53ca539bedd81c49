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
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/CliRun.java support/FixtureBuild.java support/FixtureRegistry.java support/Project.java
//SOURCES support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.CliRun;
import support.FixtureBuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hybrid retrieval on the deadzone.db built from the fixture registry. */
class SearchTest {
    static FixtureBuild build() throws Exception {
        return FixtureBuild.get(ScrapeLib::new, Consolidate::new);
    }

    static List<JsonNode> search(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--db", build().db.toString(), "--json"));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(new Search(), all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        List<JsonNode> hits = new ArrayList<>();
        Json.MAPPER.readTree(run.stdout()).forEach(hits::add);
        return hits;
    }

    static String text(JsonNode hit) {
        return hit.get("title").asText() + "\n" + hit.get("heading_path").asText() + "\n" + hit.get("content").asText();
    }

    /** A query with no word in common with its target: only the vectors can find it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dockerizing => FastAPI in Containers - Docker", "autocompleting => Autocomplete"})
    void meaningFindsTheTargetWithoutASharedWord(String testCase) throws Exception {
        String query = testCase.split(" => ")[0];
        String expectedHeading = testCase.split(" => ")[1];
        JsonNode first = search(query, "--limit", "3").get(0);
        assertTrue(first.get("heading_path").asText().contains(expectedHeading), "first hit: " + first.get("heading_path"));
        Matcher words = Pattern.compile("\\w+").matcher(query.toLowerCase(Locale.ROOT));
        Matcher target = Pattern.compile("\\w+").matcher(text(first).toLowerCase(Locale.ROOT));
        List<String> targetWords = new ArrayList<>();
        while (target.find()) {
            targetWords.add(target.group());
        }
        while (words.find()) {
            assertFalse(targetWords.contains(words.group()), "the target shares the word '" + words.group() + "'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CORSMiddleware", "MCPGODEBUG", "AddTool", "url_for", "send_file", "BackgroundTasks"})
    void anExactIdentifierRanksASectionContainingItFirst(String identifier) throws Exception {
        JsonNode first = search(identifier, "--limit", "3").get(0);
        assertTrue(text(first).contains(identifier), identifier + " not in the first hit: " + first.get("heading_path"));
    }

    /**
     * Go API questions over the fixtures' standard library packages (godoc), each with the document
     * that answers it, decided from the Go tool's golden output: url.Values (its constructor
     * ParseQuery parses a query string into a Values map), errors.Is (reports whether an error in
     * err's chain, the errors it wraps, matches a target), tar.Reader (Reader.Next advances to the
     * next file of the archive). For the last two the package overview, which explains the same
     * API in its own words, scores higher; the API goes first all the same (docs/search.md, step 4).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "parse a query string into key/value pairs => /golang/go/net/url => url.Values => ParseQuery",
        "check whether an error wraps another one => /golang/go/errors => errors.Is => Is reports whether",
        "iterate over the files in a tar archive => /golang/go/archive/tar => tar.Reader => Next advances"})
    void aGoApiQuestionFindsTheDocumentThatAnswersItFirst(String testCase) throws Exception {
        String[] parts = testCase.split(" => ");
        List<JsonNode> hits = search(parts[0], "--limit", "5");
        List<String> titles = hits.stream().map(h -> h.get("lib_id").asText() + " " + h.get("title").asText()).toList();
        assertEquals(parts[1] + " " + parts[2], titles.get(0), "first of " + titles);
        JsonNode answer = hits.get(0);
        assertTrue(answer.get("url").asText().startsWith("https://pkg.go.dev/"), answer.get("url").asText());
        assertTrue(answer.get("content").asText().contains(parts[3]), "the snippet holds " + parts[3] + ": " + answer);
    }

    /**
     * A question about a Go package itself (it says "package", or names the import path) keeps the
     * package's overview first, though the package's own identifiers come right after it.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"what does package url do => /golang/go/net/url => url package",
        "what is archive/tar for => /golang/go/archive/tar => tar package"})
    void aQuestionAboutAGoPackageFindsItsOverviewFirst(String testCase) throws Exception {
        String[] parts = testCase.split(" => ");
        List<JsonNode> hits = search(parts[0], "--limit", "3");
        assertEquals(parts[1] + " " + parts[2], hits.get(0).get("lib_id").asText() + " " + hits.get(0).get("title").asText(),
            hits.toString());
        assertTrue(hits.get(0).get("url").asText().endsWith("#pkg-overview"), hits.get(0).toString());
        assertEquals(parts[1], hits.get(1).get("lib_id").asText(), "one of the package's identifiers is next: " + hits);
    }

    @Test
    void libAndVersionFiltersHold() throws Exception {
        List<JsonNode> hits = search("how do I handle errors", "--lib", "/fastapi/fastapi", "--version", "0.135", "--limit", "8");
        assertFalse(hits.isEmpty());
        for (JsonNode h : hits) {
            assertEquals("/fastapi/fastapi", h.get("lib_id").asText());
            assertEquals("0.135", h.get("version").asText());
            assertTrue(h.get("url").asText().contains("/0.135.3/"), h.get("url").asText());
        }
        List<JsonNode> flask = search("how do I handle errors", "--lib", "/pallets/flask", "--limit", "8");
        assertFalse(flask.isEmpty());
        flask.forEach(h -> assertEquals("/pallets/flask", h.get("lib_id").asText()));
    }

    @Test
    void everySnippetSaysItsVersionAndTheAnswerFitsTheBudget() throws Exception {
        List<JsonNode> hits = search("MCP server tools", "--lib", "/modelcontextprotocol/go-sdk", "--tokens", "600", "--limit", "10");
        int chars = 0;
        for (JsonNode h : hits) {
            assertTrue(List.of("1.4", "1.5").contains(h.get("version").asText()), h.toString());
            chars += h.get("content").asText().length();
        }
        assertTrue(chars <= 600 * 4, "about 4 characters a token: " + chars);
        CliRun text = CliRun.run(new Search(), "--db", build().db.toString(), "MCPGODEBUG", "--limit", "2");
        assertTrue(text.stdout().startsWith("## /modelcontextprotocol/go-sdk (version"), text.stdout());
    }

    @Test
    void libraryRankingFindsTheRightLibrary() throws Exception {
        CliRun run = CliRun.run(new Search(), "--db", build().db.toString(), "--libs", "java command line parsing", "--json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode libs = Json.MAPPER.readTree(run.stdout());
        assertEquals("/remkop/picocli", libs.get(0).get("lib_id").asText(), libs.toString());
        CliRun flask = CliRun.run(new Search(), "--db", build().db.toString(), "--libs", "WSGI micro framework", "--json");
        assertEquals("/pallets/flask", Json.MAPPER.readTree(flask.stdout()).get(0).get("lib_id").asText());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        CliRun versionAlone = CliRun.run(new Search(), "--db", build().db.toString(), "x", "--version", "1.5");
        assertEquals(2, versionAlone.exitCode());
        assertTrue(versionAlone.errorLines().contains("--version needs --lib"), versionAlone.toString());
        CliRun noDb = CliRun.run(new Search(), "--db", "/nonexistent/deadzone.db", "x");
        assertEquals(2, noDb.exitCode());
        assertEquals(1, noDb.errorLines().lines().count(), noDb.toString());
        CliRun nothing = CliRun.run(new Search(), "--db", build().db.toString());
        assertEquals(2, nothing.exitCode());
        CliRun unknownLib = CliRun.run(new Search(), "--db", build().db.toString(), "x", "--lib", "/nope/nope");
        assertEquals(2, unknownLib.exitCode());
        assertTrue(unknownLib.errorLines().contains("--lib /nope/nope: not in"), unknownLib.toString());
        CliRun misspelt = CliRun.run(new Search(), "--db", build().db.toString(), "x", "--lib", "fastapi");
        assertEquals(2, misspelt.exitCode());
        assertTrue(misspelt.errorLines().contains("did you mean /fastapi/fastapi"), misspelt.toString());
        CliRun unknownVersion = CliRun.run(new Search(), "--db", build().db.toString(), "x", "--lib", "/fastapi/fastapi",
            "--version", "9.9");
        assertEquals(2, unknownVersion.exitCode());
        assertTrue(unknownVersion.errorLines().contains("has versions 0.134, 0.135"), unknownVersion.toString());
    }
}
