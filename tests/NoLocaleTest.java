//SOURCES ../scripts/Consolidate.java ../scripts/ListLibs.java ../scripts/ScrapeLib.java ../scripts/Search.java
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
//SOURCES ../shared/deadzone/registry/MatrixJson.java ../shared/deadzone/registry/Registry.java
//SOURCES ../shared/deadzone/registry/RegistryException.java ../shared/deadzone/registry/RegistryLoader.java
//SOURCES ../shared/deadzone/registry/ResolvedEntry.java ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/registry/VersionSpec.java
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
//SOURCES ../shared/deadzone/util/StepSummary.java ../shared/deadzone/util/Utf8.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/CliRun.java support/Project.java support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.Json;
import fakes.DocServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.Project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scripts as a user runs them ({@code ./jbang scripts/X.java}) in an environment with no locale
 * at all, as {@code env -i PATH=… HOME=…}, cron or a minimal container give: the JDK's default
 * charset is then US-ASCII. Compiled afresh (a JBang cache of its own), so the sources' UTF-8
 * must reach javac as UTF-8 (each entry's {@code //COMPILE_OPTIONS}, tools/sources/EncodingOptions.java), and a description and page text outside
 * ASCII must come out of ListLibs and Search byte for byte.
 */
class NoLocaleTest {
    static final String DESCRIPTION = "Crème brûlée — a café’s naïve résumé library ✓ (日本語)";
    static final String PAGE = "# Café\n\nLa crème brûlée du café est servie tiède: “déjà vu” → ✓.\n\n"
        + "## Menu\n\nÜber-dessert: the ñandú soufflé, 12 €.\n";

    @TempDir
    static Path dir;
    static Path registry;
    static Path db;
    static Path jbangCache;

    @BeforeAll
    static void buildATinyDatabase() throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/cafe.md"), PAGE, StandardCharsets.UTF_8);
        try (DocServer server = DocServer.builder().mount("/docs/", dir.resolve("docs")).start()) {
            registry = dir.resolve("registry.yaml");
            Files.writeString(registry, "libraries:\n  - lib_id: /acme/cafe\n    kind: github-md\n    description: \""
                + DESCRIPTION + "\"\n    urls:\n      - " + server.url("/docs/cafe.md") + "\n", StandardCharsets.UTF_8);
            CliRun scrape = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", dir.resolve("artifacts").toString());
            assertEquals(0, scrape.exitCode(), scrape.toString());
        }
        db = dir.resolve("deadzone.db");
        CliRun consolidate = CliRun.run(new Consolidate(), "--artifacts", dir.resolve("artifacts").toString(), "--db", db.toString());
        assertEquals(0, consolidate.exitCode(), consolidate.toString());
        jbangCache = dir.resolve("jbang-cache");
    }

    /** What a process printed, as bytes, and its exit code. */
    record Run(int exitCode, byte[] stdout, byte[] stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String err() {
            return new String(stderr, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out() + "--- stderr\n" + err();
        }
    }

    /** {@code ./jbang args...} from the checkout with only PATH and HOME set (and a JBang cache of its own). */
    static Run withoutLocale(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./jbang"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(Project.root().toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("JBANG_CACHE_DIR", jbangCache.toString());
        Path out = Files.createTempFile(dir, "out", ".bin");
        Path err = Files.createTempFile(dir, "err", ".bin");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        // A watchdog, not a timing assertion: a compile that hangs must not hang the suite.
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./jbang " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
    }

    @Test
    void theJvmOfTheTestsItselfReadsAndWritesUtf8() {
        assertEquals("UTF-8", System.getProperty("file.encoding"), "RunTests' //RUNTIME_OPTIONS");
    }

    @Test
    void listLibsReadsTheRegistryAsUtf8() throws Exception {
        Run run = withoutLocale("scripts/ListLibs.java", "--config", registry.toString());
        assertEquals(0, run.exitCode(), run.toString());
        CliRun inProcess = CliRun.run(new ListLibs(), "--config", registry.toString());
        assertEquals(0, inProcess.exitCode(), inProcess.toString());
        assertArrayEquals(inProcess.stdout().getBytes(StandardCharsets.UTF_8), run.stdout(),
            "the same matrix, fingerprints (which hash the description) included:\n" + run + "\nin process:\n" + inProcess);

        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, Files.readString(registry, StandardCharsets.UTF_8).replace(DESCRIPTION, "Crème")
            .getBytes(StandardCharsets.ISO_8859_1));
        Run refused = withoutLocale("scripts/ListLibs.java", "--config", latin1.toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("save it as UTF-8"), refused.toString());
    }

    @Test
    void searchPrintsTheDescriptionAndTheTextByteForByte() throws Exception {
        Run libs = withoutLocale("scripts/Search.java", "--db", db.toString(), "--libs", "crème brûlée", "--json");
        assertEquals(0, libs.exitCode(), libs.toString());
        assertTrue(contains(libs.stdout(), ("\"description\":\"" + DESCRIPTION + "\"").getBytes(StandardCharsets.UTF_8)), libs.toString());

        Run hits = withoutLocale("scripts/Search.java", "--db", db.toString(), "--json", "soufflé €");
        assertEquals(0, hits.exitCode(), hits.toString());
        assertTrue(contains(hits.stdout(), "Über-dessert: the ñandú soufflé, 12 €.".getBytes(StandardCharsets.UTF_8)), hits.toString());
        CliRun inProcess = CliRun.run(new Search(), "--db", db.toString(), "--json", "soufflé €");
        assertEquals(withoutScores(inProcess.stdout()), withoutScores(hits.out()), "the same hits as in a UTF-8 JVM");

        Run text = withoutLocale("scripts/Search.java", "--db", db.toString(), "café", "--limit", "1");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().contains("La crème brûlée du café"), text.toString());
    }

    /** Search's JSON without the scores, which another process's vectors may round differently. */
    private static JsonNode withoutScores(String json) throws IOException {
        JsonNode hits = Json.MAPPER.readTree(json);
        hits.forEach(h -> ((ObjectNode) h).remove("score"));
        return hits;
    }

    /** ListLibs' and Search's sources happen to be ASCII; RestoreCaches' are not. */
    @Test
    void aScriptWhoseSourcesHoldUtf8Compiles() throws Exception {
        Path script = Project.root().resolve("scripts/RestoreCaches.java");
        boolean utf8 = false;
        for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
            for (String source : line.startsWith("//SOURCES ") ? line.substring(10).split(" ") : new String[0]) {
                byte[] bytes = Files.readAllBytes(script.resolveSibling(source));
                for (byte b : bytes) {
                    utf8 |= b < 0;
                }
            }
        }
        assertTrue(utf8, "RestoreCaches compiles a source that is not ASCII (else pick another script here)");
        Run help = withoutLocale("scripts/RestoreCaches.java", "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().startsWith("Usage: RestoreCaches"), help.toString());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
