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
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/CliRun.java support/FileTrees.java support/GoModules.java support/Project.java support/StateYaml.java
//SOURCES support/Tables.java support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.artifact.ModelPin;
import deadzone.godoc.ContentsListing;
import deadzone.store.Sqlite;
import deadzone.util.Json;
import deadzone.util.RunContext;
import fakes.DocServer;
import fakes.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.FileTrees;
import support.GoModules.TestKey;
import support.Project;
import support.StateYaml;
import support.Tables;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static support.GoModules.answer;
import static support.GoModules.independentH1;
import static support.GoModules.tree;
import static support.GoModules.utf8;
import static support.GoModules.zip;

/**
 * kind: godoc end to end, through ScrapeLib and real HTTP on 127.0.0.1: the project's own Go
 * package (tests/fixtures/godoc, served like GitHub's Contents API and raw host; its documents
 * are listed in tests/fixtures/README.md), then module zips served with a checksum database
 * signed by the test's own key. The reference fixtures' standard library packages are checked
 * against the Go tool's golden output in {@code GodocReferenceTest}.
 */
class GodocScrapeTest {
    static final String LISTING = "/api/repos/pacer-dev/pacer/contents/cadence";
    static final String RAW = "/raw/pacer-dev/pacer/v0.4.0/cadence/";
    static final String PAGE = "https://pkg.go.dev/github.com/pacer-dev/pacer/cadence@v0.4.0";
    static final String SLUG = "pacer-dev_pacer_cadence";
    static final Set<String> GO_FILES = Set.of("backoff.go", "doc.go", "gen_presets.go", "limiter.go", "stats.go", "window.go");

    @TempDir
    Path dir;

    /** A copy of the corpus's Go package, so a test may change it between two scrapes. */
    private Path corpus() throws Exception {
        Path copy = dir.resolve("godoc");
        FileTrees.copy(Project.root().resolve("tests/fixtures/godoc"), copy);
        return copy;
    }

    private static DocServer serve(Path godoc) {
        return DocServer.builder().mount("/", godoc).replacingOrigin(Fixtures.ORIGIN).start();
    }

    private Path registry(Path godoc, DocServer server, String... extraUrls) throws Exception {
        String yaml = Files.readString(godoc.resolve("libraries_sources.godoc.yaml")).replace(Fixtures.ORIGIN, server.baseUrl());
        for (String url : extraUrls) {
            yaml += "      - " + url + "\n";
        }
        return Files.writeString(dir.resolve("registry.yaml"), yaml);
    }

    /** ScrapeLib without waiting between retries. */
    static CliRun scrape(Path registry, Path artifacts, Map<String, String> env, String... more) {
        List<String> args = new ArrayList<>(List.of("--config", registry.toString(), "--artifacts", artifacts.toString()));
        args.addAll(List.of(more));
        return CliRun.run(new ScrapeLib(RunContext.of(env, delay -> { })), args.toArray(String[]::new));
    }

    private CliRun scrape(Path registry, String... more) {
        return scrape(registry, dir.resolve("artifacts"), Map.of(), more);
    }

    record Row(String url, String title, String headingPath, String content) {
    }

    static List<Row> rows(Path artifactDb) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection conn = Sqlite.openReadOnly(artifactDb); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT url, title, heading_path, content FROM docs ORDER BY doc_index, chunk_index")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return rows;
    }

    private Path db() {
        return dir.resolve("artifacts").resolve(SLUG).resolve("artifact.db");
    }

    private Map<String, Object> state() {
        return StateYaml.read(dir.resolve("artifacts"), SLUG);
    }

    /** Whether some chunk of {@code title} is headed by {@code section} or holds it as a merged heading line. */
    private static boolean hasSection(List<Row> rows, String title, String section) {
        String last = section.substring(section.lastIndexOf(" > ") + 3);
        return rows.stream().filter(r -> r.title().equals(title)).anyMatch(r -> r.headingPath().equals(section)
            || r.content().lines().anyMatch(l -> l.matches("#+ " + java.util.regex.Pattern.quote(last))));
    }

    private static boolean holds(List<Row> rows, String title, String text) {
        return rows.stream().filter(r -> r.title().equals(title)).anyMatch(r -> r.content().contains(text));
    }

    // ---- our own package, from its GitHub-like listing

    @Test
    void ourPackageBecomesOneDocumentPerExportedIdentifierNamedAfterItsPkgGoDevAnchor() throws Exception {
        Path godoc = corpus();
        try (DocServer server = serve(godoc)) {
            CliRun run = scrape(registry(godoc, server));
            assertEquals(0, run.exitCode(), run.toString());
            List<Row> rows = rows(db());
            Map<String, String> urlOf = new LinkedHashMap<>();
            rows.forEach(r -> urlOf.put(r.title(), r.url()));
            // tests/fixtures/README.md, "The Go package": the documents a godoc reader should make.
            assertEquals(new TreeSet<>(List.of("cadence package", "cadence.Retry", "cadence.Throttle", "cadence.Sum",
                "cadence.Limiter", "cadence.Rate", "cadence.Backoff", "cadence.Strategy", "cadence.Window", "cadence.Number",
                "cadence.DefaultBurst ...", "cadence.Inf", "cadence.ErrAttemptsExhausted ...")), new TreeSet<>(urlOf.keySet()));
            assertEquals(PAGE + "#pkg-overview", urlOf.get("cadence package"));
            assertEquals(PAGE + "#Limiter", urlOf.get("cadence.Limiter"));
            assertEquals(PAGE + "#DefaultBurst", urlOf.get("cadence.DefaultBurst ..."));
            rows.forEach(r -> assertTrue(r.headingPath().startsWith(r.title()), "a chunk's heading path starts with its document's title: " + r));

            for (String ctor : List.of("NewLimiter", "Unlimited")) {
                assertTrue(hasSection(rows, "cadence.Limiter", "cadence.Limiter > Constructors > " + ctor), ctor);
            }
            for (String method : List.of("Allow", "AllowN", "SetRate", "Wait", "Allowed", "Denied")) {
                assertTrue(hasSection(rows, "cadence.Limiter", "cadence.Limiter > Methods > " + method), method);
            }
            assertTrue(holds(rows, "cadence.Limiter", "func (l *Limiter) AllowN(now time.Time, n int) bool"));
            assertTrue(holds(rows, "cadence.Limiter", "Denied returns the number of events refused"), "promoted from the embedded type");
            assertTrue(holds(rows, "cadence.Window", "func NewWindow[T any](size int) *Window[T]"), "generics");
            assertTrue(holds(rows, "cadence.Sum", "func Sum[N Number](w *Window[N]) N"));
            assertTrue(holds(rows, "cadence.Rate", "func Every(interval time.Duration) Rate"));
            for (String value : List.of("Constant", "Linear", "Exponential")) {
                assertTrue(holds(rows, "cadence.Strategy", value), "the typed const group is in its type's document: " + value);
            }
            assertTrue(holds(rows, "cadence package", "```go") && holds(rows, "cadence package", "lim := cadence.NewLimiter"),
                "the package doc's indented block is fenced go code");
            assertTrue(holds(rows, "cadence package", "BUG(mara)"), "the BUG note");
            assertTrue(rows.stream().noneMatch(r -> r.content().contains("Preset") || r.title().startsWith("main.")),
                "gen_presets.go is //go:build ignore and package main");

            Map<String, Object> state = state();
            assertEquals(1, ((Number) state.get("doc_count")).intValue());
            assertEquals(rows.size(), ((Number) state.get("chunk_count")).intValue());
            assertEquals(List.of(), state.get("include_problems"));
            assertEquals(List.of(), state.get("skipped"));

            Map<String, Integer> hits = new HashMap<>();
            server.requests().forEach(r -> hits.merge(r.path(), 1, Integer::sum));
            Map<String, Integer> expected = new HashMap<>(Map.of(LISTING, 1));
            GO_FILES.forEach(f -> expected.put(RAW + f, 1));
            assertEquals(expected, hits, "one listing, then each non-test .go file once; the test files never");
            try (Connection conn = Sqlite.openReadOnly(db())) {
                assertEquals(GO_FILES.size(), Tables.count(conn, "SELECT count(*) FROM go_files"));
                assertEquals(GO_FILES.size() + 1, Tables.count(conn, "SELECT count(*) FROM sources WHERE status = 'ok'"));
            }
            assertTrue(goFileShas().equals(listedShas(godoc)), "each kept file under the git blob sha its listing gives");
        }
    }

    private Map<String, String> goFileShas() throws Exception {
        Map<String, String> shas = new HashMap<>();
        try (Connection conn = Sqlite.openReadOnly(db()); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, git_sha, content FROM go_files")) {
            while (rs.next()) {
                assertEquals(rs.getString(2), ContentsListing.gitBlobSha(rs.getBytes(3)));
                shas.put(rs.getString(1), rs.getString(2));
            }
        }
        return shas;
    }

    private static Map<String, String> listedShas(Path godoc) throws Exception {
        Map<String, String> shas = new HashMap<>();
        for (JsonNode e : Json.MAPPER.readTree(godoc.resolve(LISTING.substring(1)).toFile())) {
            if (GO_FILES.contains(e.get("name").asText())) {
                shas.put(e.get("name").asText(), e.get("sha").asText());
            }
        }
        return shas;
    }

    @Test
    void anUnchangedReRunMakesOneConditionalRequestAndEmbedsNothing() throws Exception {
        Path godoc = corpus();
        try (DocServer server = serve(godoc)) {
            Path registry = registry(godoc, server);
            assertEquals(0, scrape(registry).exitCode());
            List<Row> before = rows(db());
            server.clearRequests();
            CliRun again = scrape(registry);
            assertEquals(0, again.exitCode(), again.toString());
            List<DocServer.Request> requests = server.requests();
            assertEquals(1, requests.size(), "only the listing: " + requests);
            assertEquals(LISTING, requests.get(0).path());
            assertTrue(requests.get(0).header("If-None-Match") != null, "a conditional request");
            assertEquals(304, requests.get(0).status());
            Map<String, Object> state = state();
            assertEquals(0, ((Number) state.get("chunks_embedded")).intValue());
            assertEquals(1, ((Number) state.get("urls_not_modified")).intValue());
            assertEquals(state.get("chunk_count"), state.get("chunks_reused"));
            assertEquals(before, rows(db()), "the same chunks, taken over");
            assertEquals(listedShas(godoc), goFileShas(), "the Go files are kept for the run after");
        }
    }

    @Test
    void aChangedFileIsTheOnlyFileDownloadedAgain() throws Exception {
        Path godoc = corpus();
        try (DocServer server = serve(godoc)) {
            Path registry = registry(godoc, server);
            assertEquals(0, scrape(registry).exitCode());
            int chunksBefore = ((Number) state().get("chunk_count")).intValue();

            Path window = godoc.resolve(RAW.substring(1) + "window.go");
            Files.writeString(window, Files.readString(window) + "\n// Len reports how many values the window holds now.\n"
                + "func (w *Window[T]) Len() int {\n\treturn len(w.items)\n}\n");
            relist(godoc, "window.go", Files.readAllBytes(window));
            server.clearRequests();
            CliRun again = scrape(registry);
            assertEquals(0, again.exitCode(), again.toString());
            assertEquals(List.of(LISTING + " 200", RAW + "window.go 200"),
                server.requests().stream().map(r -> r.path() + " " + r.status()).toList(), "the listing, then only the changed file");
            List<Row> rows = rows(db());
            assertTrue(hasSection(rows, "cadence.Window", "cadence.Window > Methods > Len"), "the new method is documented");
            assertTrue(holds(rows, "cadence.Window", "func (w *Window[T]) Len() int"));
            Map<String, Object> state = state();
            int embedded = ((Number) state.get("chunks_embedded")).intValue();
            assertTrue(embedded > 0 && embedded <= 2, "only the changed document's chunks are embedded: " + embedded);
            assertTrue(((Number) state.get("chunk_count")).intValue() >= chunksBefore);
            assertEquals(listedShas(godoc), goFileShas());
        }
    }

    /** Rewrites the listing's entry for {@code name} as GitHub would list {@code content}. */
    private static void relist(Path godoc, String name, byte[] content) throws Exception {
        Path listing = godoc.resolve(LISTING.substring(1));
        ArrayNode entries = (ArrayNode) Json.MAPPER.readTree(listing.toFile());
        for (JsonNode e : entries) {
            if (e.get("name").asText().equals(name)) {
                ((ObjectNode) e).put("sha", ContentsListing.gitBlobSha(content)).put("size", content.length);
            }
        }
        Files.writeString(listing, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(entries));
    }

    /** Adds a file entry to the listing, served (or not) at {@code downloadUrl}. */
    private static void list(Path godoc, String name, String downloadUrl, byte[] content) throws Exception {
        Path listing = godoc.resolve(LISTING.substring(1));
        ArrayNode entries = (ArrayNode) Json.MAPPER.readTree(listing.toFile());
        ObjectNode e = entries.addObject();
        e.put("name", name).put("path", "cadence/" + name).put("sha", ContentsListing.gitBlobSha(content))
            .put("size", content.length).put("type", "file").put("download_url", downloadUrl);
        Files.writeString(listing, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(entries));
    }

    @Test
    void filesThatAreNotGoOrNotFromTheListingsHostAreProblemsOfTheirOwn() throws Exception {
        Path godoc = corpus();
        byte[] notGo = utf8("this is not Go {\n");
        byte[] latin1 = "package cadence\n\n// Caf\u00e9 is a constant.\nconst Cafe = 1\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bomCrlf = utf8("\uFEFFpackage cadence\r\n\r\n// Crlf is declared with CRLF line endings, after a BOM.\r\nconst Crlf = 2\r\n");
        Path raw = godoc.resolve(RAW.substring(1));
        Files.write(raw.resolve("crlf.go"), bomCrlf);
        list(godoc, "crlf.go", Fixtures.ORIGIN + RAW + "crlf.go", bomCrlf);
        Files.write(raw.resolve("notes.go"), notGo);
        Files.write(raw.resolve("latin1.go"), latin1);
        list(godoc, "notes.go", Fixtures.ORIGIN + RAW + "notes.go", notGo);
        list(godoc, "latin1.go", Fixtures.ORIGIN + RAW + "latin1.go", latin1);
        list(godoc, "elsewhere.go", "http://elsewhere.test/elsewhere.go", utf8("package cadence\n"));
        try (DocServer server = serve(godoc)) {
            CliRun run = scrape(registry(godoc, server));
            assertEquals(0, run.exitCode(), run.toString());
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) state().get("include_problems");
            assertEquals(3, problems.size(), problems.toString());
            String listing = server.url(LISTING) + "?ref=v0.4.0: ";
            assertTrue(problems.contains(listing + "latin1.go: invalid UTF-8 at byte 23"), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(listing + "notes.go: line 1: ")), problems.toString());
            assertTrue(problems.contains(listing + "elsewhere.go: its download_url http://elsewhere.test/elsewhere.go is neither "
                + "on the listing's host nor on raw.githubusercontent.com over https; not fetched"), problems.toString());
            assertTrue(rows(db()).stream().anyMatch(r -> r.title().equals("cadence.Limiter")), "the other files are documented");
            assertTrue(holds(rows(db()), "cadence.Crlf", "Crlf is declared with CRLF line endings, after a BOM."), "a BOM and CRLF are read");
            assertFalse(run.stderr().contains("\tat "), "no stack trace");
        }
    }

    @Test
    void missingListingsAndFilesAreSkippedAndCountTowardTheCeiling() throws Exception {
        Path godoc = corpus();
        try (DocServer server = serve(godoc)) {
            String gone = server.url("/api/repos/pacer-dev/pacer/contents/gone") + "?ref=v0.4.0";
            String withdrawn = server.url("/api/repos/pacer-dev/pacer/contents/withdrawn") + "?ref=v0.4.0";
            server.failAlways("/api/repos/pacer-dev/pacer/contents/withdrawn", 410);
            server.failAlways(RAW + "stats.go", 404);
            Path registry = registry(godoc, server, gone, withdrawn);
            CliRun run = scrape(registry);
            assertEquals(0, run.exitCode(), run.toString());
            @SuppressWarnings("unchecked")
            List<Map<String, String>> skipped = (List<Map<String, String>>) state().get("skipped");
            assertEquals(List.of(server.url(RAW + "stats.go") + " HTTP 404", gone + " HTTP 404", withdrawn + " HTTP 410"),
                skipped.stream().map(s -> s.get("url") + " " + s.get("reason")).toList());
            List<Row> rows = rows(db());
            assertTrue(hasSection(rows, "cadence.Limiter", "cadence.Limiter > Methods > Wait"));
            assertFalse(hasSection(rows, "cadence.Limiter", "cadence.Limiter > Methods > Denied")
                || holds(rows, "cadence.Limiter", "Denied returns the number"), "without stats.go, no promoted methods");

            byte[] before = Files.readAllBytes(db());
            CliRun ceiling = scrape(registry, "--skip-ceiling", "2");
            assertEquals(1, ceiling.exitCode(), ceiling.toString());
            assertTrue(ceiling.errorLines().contains("3 urls skipped, more than the ceiling of 2"), ceiling.errorLines());
            assertArrayEquals(before, Files.readAllBytes(db()), "the previous artifact is left as it was");
        }
    }

    @Test
    void aFileThatFailsKeepsThePackagesPreviousChunksAndARefusedOneFailsTheEntry() throws Exception {
        Path godoc = corpus();
        try (DocServer server = serve(godoc)) {
            Path registry = registry(godoc, server);
            assertEquals(0, scrape(registry).exitCode());
            List<Row> before = rows(db());
            Path limiter = godoc.resolve(RAW.substring(1) + "limiter.go");
            Files.writeString(limiter, Files.readString(limiter).replace("Allow reports", "Allow tells"));
            relist(godoc, "limiter.go", Files.readAllBytes(limiter));

            server.failAlways(RAW + "limiter.go", 503);
            CliRun outage = scrape(registry);
            assertEquals(1, outage.exitCode(), "the only url, kept stale, is not a new artifact: " + outage);
            assertTrue(outage.errorLines().contains("no url answered"), outage.errorLines());
            assertEquals(before, rows(db()));

            server.failAlways(RAW + "limiter.go", 403);
            CliRun refused = scrape(registry);
            assertEquals(1, refused.exitCode(), refused.toString());
            assertTrue(refused.errorLines().contains("limiter.go: HTTP 403"), refused.errorLines());
            assertEquals(before, rows(db()));

            server.clearFaults();
            assertEquals(0, scrape(registry).exitCode());
            assertTrue(holds(rows(db()), "cadence.Limiter", "Allow tells"));
        }
    }

    // ---- module zips from a module proxy, checked against a checksum database

    static final String MODULE = "example.com/shapes";
    static final String VERSION = "v1.2.0";
    static final String PREFIX = MODULE + "@" + VERSION + "/";

    static Map<String, byte[]> moduleFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PREFIX + "go.mod", utf8("module example.com/shapes\n\ngo 1.21\n"));
        files.put(PREFIX + "doc.go", utf8("// Package shapes measures plane figures.\npackage shapes\n"));
        files.put(PREFIX + "area.go", utf8("package shapes\n\n// Area returns the area of a w by h rectangle.\n"
            + "func Area(w, h float64) float64 { return w * h }\n"));
        files.put(PREFIX + "area_test.go", utf8("package shapes\n\nfunc helper() {}\n"));
        files.put(PREFIX + "LICENSE", utf8("Permission is granted.\n"));
        return files;
    }

    /** A proxy and a checksum database on one server: the zip and the lookup answer are files the test writes. */
    private record Proxy(DocServer server, Path root, TestKey key, Map<String, String> env, Path registry) implements AutoCloseable {
        void publish(byte[] zip, String answer) throws Exception {
            Files.createDirectories(root.resolve(MODULE + "/@v"));
            Files.write(root.resolve(MODULE + "/@v/" + VERSION + ".zip"), zip);
            Path lookup = root.resolve("sumdb/lookup/" + MODULE + "@" + VERSION);
            Files.createDirectories(lookup.getParent());
            Files.writeString(lookup, answer);
        }

        String signedAnswer(String h1) throws Exception {
            return answer(7, MODULE, VERSION, h1, key.sign(tree(100)));
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private Proxy proxy() throws Exception {
        Path root = dir.resolve("proxy");
        Files.createDirectories(root);
        DocServer server = DocServer.serve(root);
        TestKey key = TestKey.create("sum.example.test");
        Path registry = Files.writeString(dir.resolve("modules.yaml"), "libraries:\n  - lib_id: /example/shapes\n    kind: godoc\n"
            + "    urls:\n      - " + server.url("/" + MODULE + "/@v/" + VERSION + ".zip") + "\n");
        return new Proxy(server, root, key, Map.of("DEADZONE_GOSUMDB", key.verifierKey() + " " + server.url("/sumdb")), registry);
    }

    private CliRun scrapeModule(Proxy p) {
        return scrape(p.registry(), dir.resolve("artifacts"), p.env());
    }

    private Path moduleDb() {
        return dir.resolve("artifacts/example_shapes/artifact.db");
    }

    @Test
    void aVerifiedModuleZipIsDocumentedAndAnUnchangedOneCostsOne304() throws Exception {
        try (Proxy p = proxy()) {
            Map<String, byte[]> files = moduleFiles();
            p.publish(zip(files), p.signedAnswer(independentH1(files)));
            CliRun run = scrapeModule(p);
            assertEquals(0, run.exitCode(), run.toString());
            List<Row> rows = rows(moduleDb());
            assertEquals(List.of("shapes package", "shapes.Area"), rows.stream().map(Row::title).distinct().toList());
            assertEquals("https://pkg.go.dev/example.com/shapes@v1.2.0#Area",
                rows.stream().filter(r -> r.title().equals("shapes.Area")).findFirst().orElseThrow().url());
            assertTrue(holds(rows, "shapes.Area", "func Area(w, h float64) float64"));
            assertTrue(rows.stream().noneMatch(r -> r.content().contains("helper")), "test files are not read");
            try (Connection conn = Sqlite.openReadOnly(moduleDb())) {
                assertEquals(2, Tables.count(conn, "SELECT count(*) FROM sources WHERE status = 'ok'"), "the zip and its checksum answer");
            }

            p.server().clearRequests();
            CliRun again = scrapeModule(p);
            assertEquals(0, again.exitCode(), again.toString());
            assertEquals(List.of("/" + MODULE + "/@v/" + VERSION + ".zip 304"),
                p.server().requests().stream().map(r -> r.path() + " " + r.status()).toList(), "the zip checked last time is not re-verified");
            assertEquals(0, ((Number) StateYaml.read(dir.resolve("artifacts"), "example_shapes").get("chunks_embedded")).intValue());
        }
    }

    record Refusal(String name, byte[] zip, String answer, String message) {
    }

    @Test
    void aZipTheChecksumDatabaseDoesNotVouchForIsRefusedWithNothingWritten() throws Exception {
        try (Proxy p = proxy()) {
            Map<String, byte[]> files = moduleFiles();
            String h1 = independentH1(files);
            Map<String, byte[]> tampered = new LinkedHashMap<>(files);
            tampered.put(PREFIX + "area.go", utf8("package shapes\n\n// Area returns twice the area.\n"
                + "func Area(w, h float64) float64 { return 2 * w * h }\n"));
            Map<String, byte[]> dotDot = new LinkedHashMap<>(files);
            dotDot.put(PREFIX + "../evil.go", utf8("package evil\n"));
            Map<String, byte[]> absolute = new LinkedHashMap<>(files);
            absolute.put("/etc/evil.go", utf8("package evil\n"));
            TestKey stranger = TestKey.create("sum.example.test");
            List<Refusal> refusals = List.of(
                new Refusal("a tampered zip", zip(tampered), p.signedAnswer(h1), "does not match the checksum database: the zip hashes to "
                    + independentH1(tampered) + ", the checksum database says " + h1),
                new Refusal("an answer signed by another key", zip(files), answer(7, MODULE, VERSION, h1, stranger.sign(tree(100))),
                    "the checksum database's note is not signed by sum.example.test"),
                new Refusal("a wrong checksum", zip(files), p.signedAnswer(independentH1(tampered)), "does not match the checksum database"),
                new Refusal("an answer about another version", zip(files), answer(7, MODULE, "v1.3.0", h1, p.key().sign(tree(100))),
                    "has no zip hash for example.com/shapes@v1.2.0"),
                new Refusal("a ../ entry", zip(dotDot), p.signedAnswer(independentH1(dotDot)),
                    "module zip refused: entry \"example.com/shapes@v1.2.0/../evil.go\" has a .. path element"),
                new Refusal("an absolute entry", zip(absolute), p.signedAnswer(independentH1(absolute)),
                    "module zip refused: entry \"/etc/evil.go\" is an absolute path"));
            for (Refusal r : refusals) {
                p.publish(r.zip(), r.answer());
                CliRun run = scrapeModule(p);
                assertEquals(1, run.exitCode(), r.name() + ": " + run);
                assertTrue(run.errorLines().contains("the module zip could not be verified: ") && run.errorLines().contains(r.message()),
                    r.name() + ": " + run.errorLines());
                assertFalse(Files.exists(dir.resolve("artifacts/example_shapes")), r.name() + ": nothing is written");
                assertFalse(run.stderr().contains("\tat "), "no stack trace");
            }

            // A good artifact stays as it was when a later zip is refused.
            p.publish(zip(files), p.signedAnswer(h1));
            assertEquals(0, scrapeModule(p).exitCode());
            byte[] good = Files.readAllBytes(moduleDb());
            p.publish(zip(tampered), p.signedAnswer(h1));
            assertEquals(1, scrapeModule(p).exitCode());
            assertArrayEquals(good, Files.readAllBytes(moduleDb()));

            // The checksum database does not know the module: never read unverified.
            Files.delete(p.root().resolve("sumdb/lookup/" + MODULE + "@" + VERSION));
            CliRun unknown = scrapeModule(p);
            assertEquals(1, unknown.exitCode(), unknown.toString());
            assertTrue(unknown.errorLines().contains("the checksum database answered HTTP 404"), unknown.errorLines());
            assertArrayEquals(good, Files.readAllBytes(moduleDb()));
        }
    }

    @Test
    void aMissingModuleZipIsSkippedLikeAnyMissingUrl() throws Exception {
        try (Proxy p = proxy()) {
            CliRun run = scrapeModule(p);
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.errorLines().contains("no url gave a document"), run.errorLines());
            assertTrue(p.server().requests().stream().noneMatch(r -> r.path().startsWith("/sumdb/")), "nothing to verify, nothing asked");
        }
    }

    @Test
    void aMalformedChecksumDatabaseSettingIsAUsageError() throws Exception {
        try (Proxy p = proxy()) {
            CliRun run = scrape(p.registry(), dir.resolve("artifacts"), Map.of("DEADZONE_GOSUMDB", "sum.example.test"));
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(1, run.errorLines().lines().count(), run.toString());
            assertTrue(run.errorLines().contains("DEADZONE_GOSUMDB: malformed verifier key"), run.errorLines());
        }
    }
}
