//SOURCES ../scripts/Consolidate.java ../scripts/ScrapeLib.java
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
//SOURCES GoDocGoldenTest.java GodocScrapeTest.java
//SOURCES support/CliRun.java support/FileTrees.java support/FixtureBuild.java support/FixtureRegistry.java
//SOURCES support/GoModules.java support/Project.java support/StateYaml.java support/Tables.java
//SOURCES support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.util.Json;
import fakes.DocServer;
import fakes.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.FileTrees;
import support.FixtureBuild;
import support.Project;
import support.StateYaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference fixtures' 11 Go 1.19.8 standard library packages, scraped by the fixture build
 * (served like GitHub, listings and raw files) and compared with the Go tool's golden output:
 * every golden title is a stored document, every signature and type declaration is inside one
 * chunk of its document, no chunk is cut inside a code block, and the two deliberate
 * differences hold. An unchanged re-run of the packages is one conditional request each.
 */
class GodocReferenceTest {
    static final List<String> PACKAGES = List.of("archive/tar", "container/list", "embed", "encoding/json", "errors", "net/url",
        "os", "strings", "sync/atomic", "time", "unicode/utf8");
    private static final Pattern DECLARATION = Pattern.compile("(?m)^(func|type) .*$");
    private static final Pattern SECTION = Pattern.compile("(Constructors|Methods) > \\w+");

    @TempDir
    Path dir;

    static String slug(String pkg) {
        return "golang_go_" + pkg.replace('/', '_');
    }

    static FixtureBuild build() throws Exception {
        return FixtureBuild.get(ScrapeLib::new, Consolidate::new);
    }

    private static List<GodocScrapeTest.Row> rows(FixtureBuild b, String pkg) throws Exception {
        return GodocScrapeTest.rows(b.artifacts.resolve(slug(pkg)).resolve("artifact.db"));
    }

    /** The golden documents of a package: title, then content (go/printer's text). */
    private static List<Map.Entry<String, String>> golden(String pkg) throws Exception {
        List<Map.Entry<String, String>> docs = new ArrayList<>();
        for (String line : Files.readAllLines(Project.fixtures().resolve("godoc/golden").resolve(pkg.replace('/', '_') + ".jsonl"))) {
            JsonNode n = Json.MAPPER.readTree(line);
            docs.add(Map.entry(n.get("title").asText(), n.get("content").asText()));
        }
        return docs;
    }

    @Test
    void everyGoldenDocumentIsStoredWithItsSignaturesWholeInOneChunk() throws Exception {
        FixtureBuild b = build();
        assertEquals(0, b.scrape.exitCode(), b.scrape.errorLines());
        for (String pkg : PACKAGES) {
            List<GodocScrapeTest.Row> rows = rows(b, pkg);
            Set<String> titles = new TreeSet<>();
            golden(pkg).stream().map(Map.Entry::getKey).filter(t -> !t.startsWith("main.")).forEach(titles::add);
            assertEquals(titles, new TreeSet<>(rows.stream().map(GodocScrapeTest.Row::title).toList()), pkg + ": the documents");

            for (Map.Entry<String, String> doc : golden(pkg)) {
                String title = doc.getKey();
                if (title.startsWith("main.") || GoDocGoldenTest.PLATFORM_VARIANTS.contains(title)) {
                    continue;
                }
                List<GodocScrapeTest.Row> chunks = rows.stream().filter(r -> r.title().equals(title)).toList();
                Matcher m = DECLARATION.matcher(doc.getValue());
                while (m.find()) {
                    String line = GoDocGoldenTest.squeeze(m.group());
                    assertTrue(chunks.stream().anyMatch(c -> GoDocGoldenTest.squeeze(c.content()).contains(line)),
                        pkg + " " + title + ": no chunk holds the whole of " + m.group());
                }
            }
            String page = "https://pkg.go.dev/" + pkg + "@go1.19.8#";
            for (GodocScrapeTest.Row r : rows) {
                String anchor = r.title().endsWith(" package") ? "pkg-overview"
                    : r.title().substring(r.title().indexOf('.') + 1).replace(" ...", "");
                assertEquals(page + anchor, r.url(), "a document is named after its pkg.go.dev anchor");
                assertEquals(0, r.content().lines().filter(l -> l.startsWith("```")).count() % 2,
                    r.headingPath() + ": a chunk is never cut inside a code block");
                String rest = r.headingPath().equals(r.title()) ? "" : r.headingPath().substring(r.title().length() + 3);
                assertTrue(r.headingPath().startsWith(r.title()) && (rest.isEmpty() || SECTION.matcher(rest).matches()
                    || r.title().endsWith(" package")), "heading path " + r.headingPath());
            }
        }
    }

    @Test
    void aTypeWithManyMethodsIsSplitOnItsMethodBoundaries() throws Exception {
        List<GodocScrapeTest.Row> time = rows(build(), "time").stream().filter(r -> r.title().equals("time.Time")).toList();
        assertTrue(time.size() > 10, "time.Time is many chunks: " + time.size());
        for (String method : List.of("Add", "Format", "Sub", "UnixMilli")) {
            assertTrue(time.stream().anyMatch(r -> r.headingPath().equals("time.Time > Methods > " + method)
                || r.content().lines().anyMatch(l -> l.equals("### " + method))), method);
        }
        assertTrue(time.stream().anyMatch(r -> r.headingPath().equals("time.Time > Constructors > Parse")
            || r.content().lines().anyMatch(l -> l.equals("### Parse"))));
    }

    @Test
    void typedValuesLiveInTheirTypesDocumentAndIgnoredFilesAreNotDocumented() throws Exception {
        List<GodocScrapeTest.Row> time = rows(build(), "time");
        assertTrue(time.stream().anyMatch(r -> r.title().equals("time.Weekday") && r.content().contains("Sunday Weekday = iota")),
            "the Go tool loses Sunday … Saturday; here they are in time.Weekday");
        assertTrue(time.stream().anyMatch(r -> r.title().equals("time.Month") && r.content().contains("January Month = 1 + iota")));
        assertTrue(time.stream().noneMatch(r -> r.title().startsWith("main.") || r.content().contains("MapZone")),
            "genzabbrs.go is //go:build ignore");
    }

    @Test
    void anUnchangedReRunOfThePackagesIsOneConditionalRequestEach() throws Exception {
        FixtureBuild b = build();
        Path artifacts = dir.resolve("artifacts");
        for (String pkg : PACKAGES) {
            FileTrees.copy(b.artifacts.resolve(slug(pkg)), artifacts.resolve(slug(pkg)));
        }
        Path registry = Files.writeString(dir.resolve("go.yaml"),
            Fixtures.goRegistry(Project.fixtures(), b.server.baseUrl()));
        b.server.clearRequests();
        CliRun run = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString());
        assertEquals(0, run.exitCode(), run.toString());
        List<DocServer.Request> requests = b.server.requests();
        assertEquals(PACKAGES.size(), requests.size(), requests.toString());
        for (DocServer.Request r : requests) {
            assertTrue(r.path().startsWith("/api/repos/golang/go/contents/src/") && r.header("If-None-Match") != null
                && r.status() == 304, r.path() + " " + r.status());
        }
        for (String pkg : PACKAGES) {
            Map<String, Object> state = StateYaml.read(artifacts, slug(pkg));
            assertEquals(0, ((Number) state.get("chunks_embedded")).intValue(), pkg);
            assertEquals(state.get("chunk_count"), state.get("chunks_reused"), pkg);
            assertEquals(StateYaml.read(b.artifacts, slug(pkg)).get("chunk_count"), state.get("chunk_count"), pkg);
        }
    }
}
