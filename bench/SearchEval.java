///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Meta.java
//SOURCES ../shared/deadzone/artifact/ModelPin.java ../shared/deadzone/artifact/PipelineVersion.java
//SOURCES ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/DatabaseModelOption.java
//SOURCES ../shared/deadzone/cli/HelpOption.java ../shared/deadzone/cli/LogOptions.java
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
//SOURCES ../shared/deadzone/godoc/PackageOverview.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/search/ApiBeforeOverview.java ../shared/deadzone/search/FtsQuery.java
//SOURCES ../shared/deadzone/search/Fusion.java ../shared/deadzone/search/Hit.java
//SOURCES ../shared/deadzone/search/HybridSearch.java ../shared/deadzone/search/LibHit.java
//SOURCES ../shared/deadzone/search/QueryTerms.java ../shared/deadzone/search/ScopeHint.java
//SOURCES ../shared/deadzone/search/Snippets.java ../shared/deadzone/search/VectorIndex.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Failures.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java ../shared/deadzone/util/Utf8.java
//RUNTIME_OPTIONS -Xmx2g

import deadzone.cli.Cli;
import deadzone.cli.DatabaseModelOption;
import deadzone.cli.HelpOption;
import deadzone.cli.LogOptions;
import deadzone.embed.Embedder;
import deadzone.error.UserException;
import deadzone.eval.Baseline;
import deadzone.eval.EvalReport;
import deadzone.eval.EvalRun;
import deadzone.eval.Evaluation;
import deadzone.eval.QuerySet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "SearchEval", description = {
    "Runs the graded query set against a deadzone.db through the same search code as Search and prints",
    "hit@1/3/5, MRR and nDCG@5 (overall, tune and held-out queries, per intent), the misses, and the change",
    "from the checked-in baseline. Refuses to compare figures measured on another query set, corpus or model.",
    "Exit 1 when an overall figure fell below the baseline by more than the tolerance."})
public class SearchEval implements Callable<Integer> {
    @Option(names = "--db", defaultValue = "deadzone.db", paramLabel = "FILE", description = "The database (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--queries", defaultValue = "bench/eval/queries.jsonl", paramLabel = "FILE",
        description = "The graded query set (default: ${DEFAULT-VALUE}).")
    Path queries;

    @Option(names = "--baseline", defaultValue = "bench/eval/baseline.json", paramLabel = "FILE",
        description = "The baseline figures (default: ${DEFAULT-VALUE}).")
    Path baseline;

    @Option(names = "--write-baseline", description = "Record this run's figures as the baseline of its mode.")
    boolean writeBaseline;

    @Option(names = "--lexical-only", description = "BM25 only, as Search --lexical-only (its own baseline entry).")
    boolean lexicalOnly;

    @Mixin
    DatabaseModelOption databaseModel;

    @Mixin
    LogOptions logOptions;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws Exception {
        QuerySet set = QuerySet.load(queries);
        try (Embedder embedder = lexicalOnly ? null : Embedder.load(databaseModel.dir())) {
            Evaluation.Identity identity = Evaluation.identify(db, set, embedder);
            Baseline base = Baseline.read(baseline, identity.mode());
            String refusal = base == null || writeBaseline ? null : base.refusal(identity, baseline);
            if (refusal != null) {
                throw new UserException(refusal);
            }
            return report(Evaluation.run(db, set, embedder), base);
        }
    }

    private int report(EvalRun run, Baseline base) throws java.io.IOException {
        String mode = run.identity().mode();
        System.out.print(EvalReport.figures(run));
        System.out.print(EvalReport.targets(run));
        System.out.println();
        System.out.print(EvalReport.misses(run));
        System.out.println();
        if (writeBaseline) {
            Baseline.of(run).write(baseline);
            System.out.println("baseline written: " + baseline + " (" + mode + ")");
            return 0;
        }
        if (base == null) {
            System.out.println("no " + mode + " baseline in " + baseline + " yet: --write-baseline records one");
            return 0;
        }
        System.out.print(EvalReport.comparison(base, run));
        return base.regressions(run).isEmpty() ? 0 : 1;
    }

    public static void main(String... args) {
        Cli.main(new SearchEval(), args);
    }
}
