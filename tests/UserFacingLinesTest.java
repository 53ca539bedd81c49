//SOURCES ../scripts/RestoreCaches.java ../scripts/Search.java
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/artifact/ScrapeState.java ../shared/deadzone/artifact/SkippedUrl.java
//SOURCES ../shared/deadzone/artifact/StateFile.java
//SOURCES ../shared/deadzone/cache/CacheAccessDenied.java ../shared/deadzone/cache/CacheArchive.java
//SOURCES ../shared/deadzone/cache/CacheCredentials.java ../shared/deadzone/cache/CacheRestorer.java
//SOURCES ../shared/deadzone/cache/CacheServiceClient.java ../shared/deadzone/cache/CacheServiceException.java
//SOURCES ../shared/deadzone/cache/CacheToucher.java ../shared/deadzone/cache/CacheVersion.java
//SOURCES ../shared/deadzone/cache/DownloadLimits.java ../shared/deadzone/cache/ExtractLimits.java
//SOURCES ../shared/deadzone/cache/Folders.java ../shared/deadzone/cache/PacedCopy.java
//SOURCES ../shared/deadzone/cache/RestoreReport.java ../shared/deadzone/cache/RestoreResult.java
//SOURCES ../shared/deadzone/cache/RestoreStatus.java ../shared/deadzone/cache/SlotPool.java
//SOURCES ../shared/deadzone/cache/TouchReport.java ../shared/deadzone/cache/UnsafeArchiveException.java
//SOURCES ../shared/deadzone/chunk/Chunk.java ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/DatabaseModelOption.java
//SOURCES ../shared/deadzone/cli/HelpOption.java ../shared/deadzone/cli/LibSelection.java
//SOURCES ../shared/deadzone/cli/ListLibsInput.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/godoc/PackageOverview.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/MatrixJson.java
//SOURCES ../shared/deadzone/registry/ResolvedEntry.java ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/release/EntryKey.java ../shared/deadzone/release/Manifest.java
//SOURCES ../shared/deadzone/release/ManifestEntry.java ../shared/deadzone/release/ManifestFile.java
//SOURCES ../shared/deadzone/search/ApiBeforeOverview.java ../shared/deadzone/search/FtsQuery.java
//SOURCES ../shared/deadzone/search/Fusion.java ../shared/deadzone/search/Hit.java
//SOURCES ../shared/deadzone/search/HybridSearch.java ../shared/deadzone/search/LibHit.java
//SOURCES ../shared/deadzone/search/LibIdSuggestions.java ../shared/deadzone/search/QueryTerms.java
//SOURCES ../shared/deadzone/search/ScopeHint.java ../shared/deadzone/search/SearchOutput.java
//SOURCES ../shared/deadzone/search/Snippets.java ../shared/deadzone/search/VectorIndex.java
//SOURCES ../shared/deadzone/store/ArtifactCheck.java ../shared/deadzone/store/ArtifactContent.java
//SOURCES ../shared/deadzone/store/ArtifactWriter.java ../shared/deadzone/store/Consolidator.java
//SOURCES ../shared/deadzone/store/ManifestBuilder.java ../shared/deadzone/store/SourceRecord.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/StoredChunk.java
//SOURCES ../shared/deadzone/store/StoredGoFile.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/StepSummary.java ../shared/deadzone/util/Trees.java
//SOURCES ../tools/fakes/FakeCacheService.java
//SOURCES RestoreCachesTest.java
//SOURCES support/CacheArchives.java support/CliRun.java support/FileTrees.java support/SyntheticArtifacts.java
//SOURCES support/UserFacingLines.java

import deadzone.artifact.ModelPin;
import deadzone.log.Log;
import deadzone.store.Consolidator;
import deadzone.util.RunContext;
import fakes.FakeCacheService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.SyntheticArtifacts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every line a person or the runner reads: one line, no Java class name, no stack trace, nothing
 * that the GitHub runner would take for a workflow command, whatever a service or a file says.
 */
class UserFacingLinesTest {
    static {
        Log.quietLibraryLogging(); // sqlite-jdbc is touched before any script configures logging
    }

    @TempDir
    Path dir;

    private static void assertOneCleanLine(CliRun run, String expected) {
        assertEquals(1, run.errorLines().lines().count(), run.toString());
        assertTrue(run.errorLines().contains(expected), "expected '" + expected + "' in: " + run);
        assertFalse(run.stderr().contains("\tat ") || run.stderr().contains("Exception") || run.stderr().contains("org.sqlite"),
            run.toString());
    }

    private Path database() throws Exception {
        Path artifacts = dir.resolve("artifacts");
        SyntheticArtifacts.write(artifacts, "/acme/widgets", "1.0", 4, 40, 3);
        Consolidator.Checked checked = Consolidator.checkAll(artifacts, ModelPin.DEFAULT);
        Path db = dir.resolve("deadzone.db");
        Consolidator.build(checked.valid(), db, checked.embedder(), List.of());
        return db;
    }

    @Test
    void aCorruptDatabaseIsNamedNotAnUnexpectedError() throws Exception {
        Path good = database();
        Path random = Files.write(dir.resolve("random.db"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40});
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.db"), Arrays.copyOf(bytes, 4096 + 100));
        byte[] scrambled = bytes.clone();
        for (int i = 8192; i < scrambled.length; i += 7) {
            scrambled[i] ^= 0x5a;
        }
        Path damaged = Files.write(dir.resolve("damaged.db"), scrambled);
        for (Path db : List.of(random, truncated, damaged)) {
            CliRun run = CliRun.run(new Search(), "--db", db.toString(), "--lexical-only", "widget");
            assertEquals(2, run.exitCode(), db + ": " + run);
            assertOneCleanLine(run, "Search: not a deadzone database: " + db + " (");
        }
        CliRun fine = CliRun.run(new Search(), "--db", good.toString(), "--lexical-only", "--json", "widget");
        assertEquals(0, fine.exitCode(), fine.toString());
    }

    @Test
    void limitsThatWouldOverflowAreRefused() throws Exception {
        Path db = database();
        for (List<String> args : List.of(List.of("--limit", "536870912"), List.of("--limit", "2147483647"),
            List.of("--tokens", "2147483647"), List.of("--limit", "0"))) {
            String[] all = Stream.concat(Stream.of("--db", db.toString(), "--lexical-only", "widget"), args.stream())
                .toArray(String[]::new);
            CliRun run = CliRun.run(new Search(), all);
            assertEquals(2, run.exitCode(), args + ": " + run);
            assertOneCleanLine(run, "--limit must be 1 to 1000 and --tokens 1 to 1000000");
        }
        CliRun most = CliRun.run(new Search(), "--db", db.toString(), "--lexical-only", "--limit", "1000", "widget");
        assertEquals(0, most.exitCode(), most.toString());
    }

    /** A service's message with a line break must not start a line of its own: the runner would obey it. */
    @Test
    void aServiceMessageCannotInjectAWorkflowCommand() throws Exception {
        try (FakeCacheService fake = FakeCacheService.start("tok")) {
            fake.denyReads = true;
            fake.denyMessage = "cache read denied\n::warning title=x::injected\n##[error]also injected";
            Path libs = Files.writeString(dir.resolve("libs.json"), "[" + RestoreCachesTest.slot("/acme/a", "", "f1") + "]");
            CliRun run = CliRun.run(new RestoreCaches(RunContext.of(Map.of("ACTIONS_RUNTIME_TOKEN", "tok",
                "ACTIONS_RESULTS_URL", fake.resultsUrl()), d -> { })), "--libs", libs.toString(), "--workspace", dir.toString());
            assertEquals(2, run.exitCode(), run.toString());
            assertOneCleanLine(run, "cache read denied\\n:\\:warning title=x:\\:injected\\n##\\[error]also injected");
            assertTrue(run.stderr().lines().noneMatch(l -> l.strip().startsWith("::") || l.contains("##[")), run.toString());
        }
    }

    @Test
    void plainLinesAndAnnotationsAreOneInertLine() {
        String hostile = "a\nb\r::error::x\u001B[31m##[warning]y\u2028z";
        String plain = Log.oneLine(hostile);
        assertEquals("a\\nb\\r:\\:error:\\:x\\u001B[31m##\\[warning]y\\u2028z", plain);
        assertEquals(1, plain.lines().count());
        assertEquals("::error::a%0Ab%0D::error::x\u001B[31m##[warning]y\u2028z", Log.annotation("error", hostile));
        assertEquals("::warning::100%25 done", Log.annotation("warning", "100% done"));
        assertEquals("std::vector", Log.oneLine("std::vector").replace(":\\:", "::"), "a visible, reversible escape");
    }
}
