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
//SOURCES ../shared/deadzone/eval/Baseline.java ../shared/deadzone/eval/CorpusFingerprint.java
//SOURCES ../shared/deadzone/eval/CorpusQuestions.java ../shared/deadzone/eval/EvalQuery.java
//SOURCES ../shared/deadzone/eval/EvalReport.java ../shared/deadzone/eval/EvalRun.java
//SOURCES ../shared/deadzone/eval/Evaluation.java ../shared/deadzone/eval/Metrics.java
//SOURCES ../shared/deadzone/eval/QueryOutcome.java ../shared/deadzone/eval/QuerySet.java
//SOURCES ../shared/deadzone/eval/Relevant.java ../shared/deadzone/eval/Targets.java
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
//SOURCES ../shared/deadzone/search/QueryTerms.java ../shared/deadzone/search/ScopeHint.java
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

import deadzone.embed.Embedder;
import deadzone.eval.Baseline;
import deadzone.eval.EvalQuery;
import deadzone.eval.EvalReport;
import deadzone.eval.EvalRun;
import deadzone.eval.Evaluation;
import deadzone.eval.QueryOutcome;
import deadzone.eval.QuerySet;
import deadzone.eval.Relevant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import support.OwnCorpusBuild;
import support.Project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The own corpus's graded questions (tests/fixtures/queries.jsonl) run through the evaluation
 * bench/SearchEval.java runs, over the own corpus build: the checked-in baseline
 * (tests/fixtures/baseline.json) must hold, in both modes; identifier questions find their
 * identifier first; questions sharing no word with their answer are found by meaning alone.
 * After a change that moves the figures on purpose, rewrite the baseline as bench/README.md says.
 */
class OwnCorpusEvalTest {
    static final Path QUERIES = Project.ownCorpus().resolve("queries.jsonl");
    static final Path BASELINE = Project.ownCorpus().resolve("baseline.json");
    static final String GO_LIB = "/pacer-dev/pacer/cadence";

    private static Embedder embedder;
    private static EvalRun hybrid;
    private static EvalRun lexical;

    static synchronized EvalRun hybrid() throws Exception {
        if (hybrid == null) {
            embedder = Embedder.load(null);
            hybrid = Evaluation.run(build().db, QuerySet.load(QUERIES), embedder);
        }
        return hybrid;
    }

    static synchronized EvalRun lexical() throws Exception {
        if (lexical == null) {
            lexical = Evaluation.run(build().db, QuerySet.load(QUERIES), null);
        }
        return lexical;
    }

    static OwnCorpusBuild build() throws Exception {
        return OwnCorpusBuild.get(ScrapeLib::new, Consolidate::new);
    }

    @AfterAll
    static void close() {
        if (embedder != null) {
            embedder.close();
        }
    }

    @Test
    void theCorpusQuestionsReadAsAGradedQuerySet() throws Exception {
        QuerySet set = QuerySet.load(QUERIES);
        assertEquals(52, set.queries().size());
        Map<String, EvalQuery> byId = set.queries().stream().collect(Collectors.toMap(EvalQuery::id, q -> q));
        EvalQuery delayed = byId.get("tw-delayed");
        assertEquals("how-to", delayed.intent());
        assertEquals(List.of(new Relevant("/tidewater/tidewater", null, "raw/tidewater/tidewater/v2.0.0/docs/en/docs/tutorial/first-job.md",
                "Delayed jobs", null, 3),
            new Relevant("/tidewater/tidewater", null, "raw/tidewater/tidewater/v2.1.0/docs/en/docs/tutorial/first-job.md",
                "Delayed jobs", null, 3)), delayed.relevant());
        assertEquals(List.of("identifier"), byId.get("ident-idempotency-key").tags());
        assertEquals("api-lookup", byId.get("ident-idempotency-key").intent());
        assertEquals(List.of("zero-overlap"), byId.get("zero-idempotency").tags());
        List<EvalQuery> go = set.queries().stream().filter(q -> GO_LIB.equals(q.libId())).toList();
        assertTrue(go.size() >= 5, "Go package questions: " + go.size());
        for (EvalQuery q : go) {
            assertTrue(q.tags().contains("godoc"), q.id());
            q.relevant().forEach(r -> assertTrue(r.url() == null && r.title().startsWith("cadence."), q.id() + ": " + r));
        }
    }

    @Test
    void theHybridSearchHoldsTheBaseline() throws Exception {
        EvalRun run = hybrid();
        assertTrue(run.skipped().stream().allMatch(s -> s.query().libraries().contains(GO_LIB)),
            "only the Go package's questions wait for their library: " + run.skipped());
        assertTrue(run.outcomes().size() >= 40, "questions evaluated: " + run.outcomes().size());
        Baseline base = Baseline.read(BASELINE, Evaluation.Identity.HYBRID);
        assertNull(base.refusal(run.identity(), BASELINE), "the baseline must be measured on this corpus and question set");
        assertEquals(List.of(), base.regressions(run), EvalReport.comparison(base, run));
    }

    @Test
    void lexicalOnlyHoldsItsBaseline() throws Exception {
        EvalRun run = lexical();
        Baseline base = Baseline.read(BASELINE, Evaluation.Identity.LEXICAL);
        assertNull(base.refusal(run.identity(), BASELINE));
        assertEquals(List.of(), base.regressions(run), EvalReport.comparison(base, run));
    }

    @Test
    void anExactIdentifierRanksASectionContainingItFirst() throws Exception {
        List<QueryOutcome> identifiers = hybrid().outcomes().stream().filter(o -> o.query().tags().contains("identifier")).toList();
        assertTrue(identifiers.size() >= 8, "identifier questions evaluated: " + identifiers.size());
        for (QueryOutcome o : identifiers) {
            String identifier = o.query().query();
            assertTrue(o.hits().get(0).content().contains(identifier) || o.hits().get(0).headingPath().contains(identifier),
                identifier + " not in the first hit: " + o.hits().get(0).headingPath());
            assertTrue(o.firstRelevantRank() >= 1 && o.firstRelevantRank() <= 3, identifier + ": rank " + o.firstRelevantRank());
        }
    }

    /** Only the vectors can find a section that shares no word with the question; BM25 alone finds none of them. */
    @Test
    void meaningFindsTheTargetWithoutASharedWord() throws Exception {
        Map<String, Integer> hybridRanks = ranksOf(hybrid(), "zero-overlap");
        Map<String, Integer> lexicalRanks = ranksOf(lexical(), "zero-overlap");
        assertEquals(3, hybridRanks.size(), hybridRanks.toString());
        hybridRanks.forEach((id, rank) -> assertTrue(rank >= 1, id + " is not in the hybrid search's snippets"));
        assertTrue(hybridRanks.values().stream().filter(r -> r == 1).count() >= 2, "found first: " + hybridRanks);
        lexicalRanks.forEach((id, rank) -> assertEquals(0, rank, id + ": BM25 cannot find a text without a shared word"));
    }

    private static Map<String, Integer> ranksOf(EvalRun run, String tag) {
        return run.outcomes().stream().filter(o -> o.query().tags().contains(tag))
            .collect(Collectors.toMap(o -> o.query().id(), QueryOutcome::firstRelevantRank));
    }
}
