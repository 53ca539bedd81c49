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
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java ../tools/fakes/ServedCorpus.java
//SOURCES support/CliRun.java support/FileTrees.java support/OwnCorpusBuild.java support/Project.java
//SOURCES support/StateYaml.java support/Tables.java support/UserFacingLines.java

import deadzone.artifact.ModelPin;
import deadzone.store.ArtifactCheck;
import deadzone.store.Sqlite;
import deadzone.store.Vectors;
import fakes.DocServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.FileTrees;
import support.OwnCorpusBuild;
import support.StateYaml;
import support.Tables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job (ScrapeLib over every entry, then Consolidate) on the project's own corpus
 * (tests/fixtures, its README.md states every figure checked here): fetching with the documented
 * missing page, includes resolved in what is stored, chunks within the model's window, real
 * vectors, the two Tidewater versions sharing their vectors, an unchanged re-run that downloads
 * and embeds nothing, and one deadzone.db holding every artifact's chunks.
 */
class OwnCorpusBuildTest {
    static final List<String> SLUGS = List.of("tidewater_tidewater_2.0", "tidewater_tidewater_2.1", "strata-dev_strata",
        "kestrel-http_kestrel", "marrow-py_marrow", "pacer-dev_pacer_cadence");
    /** Pages that answer per entry (the Go package is one), and chunks per entry: README, "What is where". */
    static final Map<String, Integer> DOCS = Map.of("tidewater_tidewater_2.0", 11, "tidewater_tidewater_2.1", 11,
        "strata-dev_strata", 6, "kestrel-http_kestrel", 2, "marrow-py_marrow", 3, "pacer-dev_pacer_cadence", 1);
    static final Map<String, Integer> CHUNKS = Map.of("tidewater_tidewater_2.0", 54, "tidewater_tidewater_2.1", 55,
        "strata-dev_strata", 26, "kestrel-http_kestrel", 19, "marrow-py_marrow", 11, "pacer-dev_pacer_cadence", 20);
    static final int ALL_CHUNKS = CHUNKS.values().stream().mapToInt(Integer::intValue).sum();
    static final int SHARED_BY_THE_TWO_VERSIONS = 47;

    @TempDir
    Path dir;

    static OwnCorpusBuild build() throws IOException {
        return OwnCorpusBuild.get(ScrapeLib::new, Consolidate::new);
    }

    @Test
    void everyEntryGetsAnArtifactAndTidewaterReportsItsMissingPage() throws Exception {
        OwnCorpusBuild b = build();
        assertEquals(0, b.scrape.exitCode(), b.scrape.toString());
        try (Stream<Path> folders = Files.list(b.artifacts)) {
            assertEquals(SLUGS.stream().sorted().toList(),
                folders.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList());
        }
        for (String slug : SLUGS) {
            ArtifactCheck.Valid valid = ArtifactCheck.check(b.artifacts.resolve(slug), ModelPin.DEFAULT);
            Map<String, Object> state = StateYaml.read(b.artifacts, slug);
            assertEquals((long) CHUNKS.get(slug), valid.chunks(), slug);
            assertEquals(CHUNKS.get(slug), StateYaml.number(state, "chunk_count"), slug);
            assertEquals(DOCS.get(slug), StateYaml.number(state, "doc_count"), slug);
            @SuppressWarnings("unchecked")
            List<Map<String, String>> skipped = (List<Map<String, String>>) state.get("skipped");
            if (slug.startsWith("tidewater")) {
                assertEquals(1, skipped.size(), slug + ": " + skipped);
                assertTrue(skipped.get(0).get("url").endsWith("/docs/en/docs/deployment.md"), skipped.toString());
                assertTrue(skipped.get(0).get("reason").contains("404"), skipped.toString());
            } else {
                assertEquals(List.of(), skipped, slug);
            }
            assertEquals(List.of(), state.get("include_problems"), slug + ": every include resolves");
        }
    }

    @Test
    void includesSnippetsAndRstIncludesAreResolvedInTheStoredChunks() throws Exception {
        OwnCorpusBuild b = build();
        try (Connection conn = Sqlite.openReadOnly(b.db)) {
            for (String left : List.of("{*", "--8<--", ".. include::", ".. literalinclude::", "include not found")) {
                assertEquals(0, Tables.count(conn, "SELECT count(*) FROM docs WHERE instr(content, '" + left + "') > 0"),
                    left + " is left in a stored chunk");
            }
            assertEquals(2, Tables.count(conn, "SELECT count(*) FROM docs WHERE url LIKE '%/tutorial/first-job.md' "
                + "AND content LIKE '%```python title=\"producer.py\"%'"), "the code include of both refs, as fenced code");
            assertEquals(1, Tables.count(conn, "SELECT count(*) FROM docs WHERE version = '2.1' "
                + "AND content LIKE '%@tw.job(retry_limit=4%'"), "2.1 includes its own docs_src");
            assertTrue(Tables.count(conn, "SELECT count(*) FROM docs WHERE lib_id = '/strata-dev/strata' "
                + "AND content LIKE '%```toml%workers = 4%'") > 0, "the literalinclude");
        }
    }

    @Test
    void everyChunkFitsTheModelWindowAndCarriesAUnitVector() throws Exception {
        OwnCorpusBuild b = build();
        try (Connection conn = Sqlite.openReadOnly(b.db);
             PreparedStatement ps = conn.prepareStatement("SELECT tokens, embedding, heading_path FROM docs");
             ResultSet rs = ps.executeQuery()) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                int tokens = rs.getInt(1);
                assertTrue(tokens > 0 && tokens <= ModelPin.DEFAULT.maxTokens(), rs.getString(3) + ": " + tokens + " tokens");
                float[] v = Vectors.fromBytes(rs.getBytes(2));
                assertEquals(ModelPin.DEFAULT.dimensions(), v.length, rs.getString(3));
                double norm = 0;
                for (float x : v) {
                    norm += x * x;
                }
                assertEquals(1.0, Math.sqrt(norm), 1e-3, rs.getString(3) + ": a unit vector");
            }
            assertEquals(ALL_CHUNKS, rows, "185 chunks, README");
        }
    }

    @Test
    void theSecondVersionReusesTheVectorsOfTheTextBothVersionsShare() throws Exception {
        OwnCorpusBuild b = build();
        int embedded = 0;
        int reused = 0;
        for (String slug : SLUGS) {
            Map<String, Object> state = StateYaml.read(b.artifacts, slug);
            embedded += StateYaml.number(state, "chunks_embedded");
            reused += StateYaml.number(state, "chunks_reused");
            assertEquals(StateYaml.number(state, "chunk_count"),
                StateYaml.number(state, "chunks_embedded") + StateYaml.number(state, "chunks_reused"), slug);
        }
        assertEquals(SHARED_BY_THE_TWO_VERSIONS, reused, "the text 2.0 and 2.1 share is embedded once");
        assertEquals(ALL_CHUNKS - SHARED_BY_THE_TWO_VERSIONS, embedded);
        assertSameVectorsForTheSameText(b.db);

        // As in the matrix: 2.1's slot runs alone, with 2.0's artifact restored beside it as its sibling.
        Path artifacts = dir.resolve("artifacts");
        FileTrees.copy(b.artifacts.resolve("tidewater_tidewater_2.0"), artifacts.resolve("tidewater_tidewater_2.0"));
        CliRun alone = CliRun.run(new ScrapeLib(), "--config", b.registry.toString(), "--artifacts", artifacts.toString(),
            "--lib", "/tidewater/tidewater", "--version", "2.1");
        assertEquals(0, alone.exitCode(), alone.toString());
        Map<String, Object> second = StateYaml.read(artifacts, "tidewater_tidewater_2.1");
        assertEquals(SHARED_BY_THE_TWO_VERSIONS, StateYaml.number(second, "chunks_reused"), second.toString());
        assertEquals(CHUNKS.get("tidewater_tidewater_2.1") - SHARED_BY_THE_TWO_VERSIONS, StateYaml.number(second, "chunks_embedded"));
    }

    /** Chunks with the same text (the same sha256) carry byte-identical vectors, whichever version they are in. */
    private static void assertSameVectorsForTheSameText(Path db) throws Exception {
        Map<String, byte[]> bySha = new HashMap<>();
        int pairs = 0;
        try (Connection conn = Sqlite.openReadOnly(db);
             PreparedStatement ps = conn.prepareStatement("SELECT content_sha256, embedding FROM docs WHERE lib_id = '/tidewater/tidewater'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] before = bySha.putIfAbsent(rs.getString(1), rs.getBytes(2));
                if (before != null) {
                    pairs++;
                    assertArrayEquals(before, rs.getBytes(2), "chunk " + rs.getString(1));
                }
            }
        }
        assertTrue(pairs >= SHARED_BY_THE_TWO_VERSIONS, "chunks of 2.1 with the text of a 2.0 chunk: " + pairs);
    }

    @Test
    void anUnchangedReRunSendsOnlyConditionalRequestsAndEmbedsNothing() throws Exception {
        OwnCorpusBuild b = build();
        Path again = dir.resolve("artifacts");
        FileTrees.copy(b.artifacts, again);
        b.server.clearRequests();
        CliRun run = CliRun.run(new ScrapeLib(), "--config", b.registry.toString(), "--artifacts", again.toString());
        assertEquals(0, run.exitCode(), run.toString());
        int documents = 0;
        for (String slug : SLUGS) {
            Map<String, Object> state = StateYaml.read(again, slug);
            assertEquals(0, StateYaml.number(state, "chunks_embedded"), slug + " embedded nothing");
            assertEquals(StateYaml.number(state, "chunk_count"), StateYaml.number(state, "chunks_reused"), slug);
            assertEquals(StateYaml.number(state, "doc_count"), StateYaml.number(state, "urls_not_modified"), slug);
            documents += StateYaml.number(state, "doc_count");
        }
        assertEquals(34, documents, "pages that answer and the Go package's listing, README");
        List<DocServer.Request> requests = b.server.requests();
        List<DocServer.Request> pages = requests.stream().filter(r -> !r.path().endsWith("/deployment.md")).toList();
        assertEquals(documents, pages.size(), "one request per page, no include fetched again: " + pages);
        for (DocServer.Request r : pages) {
            assertTrue(r.header("If-None-Match") != null || r.header("If-Modified-Since") != null, r.path() + " is conditional");
            assertEquals(304, r.status(), r.path());
        }
        assertEquals(2, requests.size() - pages.size(), "the missing page is asked for again in each version");
    }

    @Test
    void consolidateMakesOneDatabaseOfEveryArtifact() throws Exception {
        OwnCorpusBuild b = build();
        assertEquals(0, b.consolidate.exitCode(), b.consolidate.toString());
        try (Connection conn = Sqlite.openReadOnly(b.db)) {
            assertEquals(SLUGS.size(), Tables.count(conn, "SELECT count(*) FROM libs"));
            assertEquals(2, Tables.count(conn, "SELECT count(*) FROM libs WHERE lib_id = '/tidewater/tidewater'"));
            for (String slug : SLUGS) {
                try (Connection artifact = Sqlite.openReadOnly(b.artifacts.resolve(slug).resolve("artifact.db"))) {
                    String libVersion = Tables.string(artifact, "SELECT lib_id || '@' || version FROM libs");
                    assertEquals(Tables.count(artifact, "SELECT count(*) FROM docs"),
                        Tables.count(conn, "SELECT count(*) FROM docs WHERE lib_id || '@' || version = '" + libVersion + "'"), slug);
                }
            }
            assertEquals(Tables.count(conn, "SELECT count(*) FROM docs"), Tables.count(conn, "SELECT count(*) FROM docs_fts"));
            assertTrue(Tables.string(conn, "SELECT description FROM libs WHERE lib_id = '/kestrel-http/kestrel'")
                .contains("an HTTP client for Java"));
        }
    }
}
