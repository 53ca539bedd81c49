///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Meta.java
//SOURCES ../shared/deadzone/artifact/ModelPin.java ../shared/deadzone/artifact/PipelineVersion.java
//SOURCES ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/RunFailure.java ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/godoc/PackageOverview.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/search/ApiBeforeOverview.java ../shared/deadzone/search/FtsQuery.java
//SOURCES ../shared/deadzone/search/Fusion.java ../shared/deadzone/search/Hit.java
//SOURCES ../shared/deadzone/search/HybridSearch.java ../shared/deadzone/search/LibHit.java
//SOURCES ../shared/deadzone/search/QueryTerms.java ../shared/deadzone/search/ScopeHint.java
//SOURCES ../shared/deadzone/search/Snippets.java ../shared/deadzone/search/VectorIndex.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/Hashes.java
//RUNTIME_OPTIONS -Xmx2g

import deadzone.embed.Embedder;
import deadzone.log.Log;
import deadzone.search.HybridSearch;
import deadzone.search.VectorIndex;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Search at scale, on a database from MakeSyntheticDb (or any deadzone.db): the vector scan's
 * throughput next to a plain sequential read of the same floats in the same JVM (the
 * memory-bound limit), and hybrid query latency p50/p95 with and without embedding the query.
 */
@Command(name = "SearchBench", mixinStandardHelpOptions = true)
public class SearchBench implements Callable<Integer> {
    @Option(names = "--db", defaultValue = "build/bench-synthetic/deadzone.db") Path db;
    @Option(names = "--queries", defaultValue = "200") int queries;
    @Option(names = "--rounds", defaultValue = "5") int rounds;

    static final String[] TEXTS = {
        "how do I add middleware to a router", "validate a request body with a schema", "CORSMiddleware",
        "stream a websocket response", "set a cookie on the response", "retry a request after a timeout",
        "configure logging for the server", "cache the result of a database query", "add_tool", "session token expiry"};

    @Override
    public Integer call() throws Exception {
        Log.quietLibraryLogging();
        try (HybridSearch search = HybridSearch.open(db)) {
            long t0 = System.nanoTime();
            VectorIndex index = search.index(null, null);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("index: %d chunks x %d dims loaded in %.2f s (%.0f chunks/s from SQLite)%n",
                index.size(), index.dims(), loadSeconds, index.size() / loadSeconds);

            SplittableRandom random = new SplittableRandom(42);
            float[][] vectors = new float[queries][];
            for (int i = 0; i < queries; i++) {
                vectors[i] = unit(random, index.dims());
            }
            // warm-up, then alternate the two passes so both see the same machine state
            double sink = 0;
            for (int i = 0; i < 20; i++) {
                sink += index.top(vectors[i % queries], 50).scores()[0] + index.sequentialSum();
            }
            double scanBest = 0;
            double readBest = 0;
            for (int r = 0; r < rounds; r++) {
                long s = System.nanoTime();
                for (float[] q : vectors) {
                    sink += index.top(q, 50).scores()[0];
                }
                scanBest = Math.max(scanBest, (double) index.size() * queries / ((System.nanoTime() - s) / 1e9));
                s = System.nanoTime();
                for (int i = 0; i < queries; i++) {
                    sink += index.sequentialSum();
                }
                readBest = Math.max(readBest, (double) index.size() * queries / ((System.nanoTime() - s) / 1e9));
            }
            System.out.printf("vector scan (top-50 dot products): %.0f chunks/s%n", scanBest);
            System.out.printf("sequential read of the same floats: %.0f chunks/s%n", readBest);
            System.out.printf("scan / memory-bound read: %.2f%n", scanBest / readBest);

            List<Double> withoutEmbedding = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                long s = System.nanoTime();
                float[] vector = vectors[i];
                sink += search.search(TEXTS[i % TEXTS.length], text -> vector, null, null, 10, 5000).size();
                withoutEmbedding.add((System.nanoTime() - s) / 1e6);
            }
            report("hybrid query, query vector given", withoutEmbedding);

            List<Double> lexicalOnly = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                long s = System.nanoTime();
                sink += search.search(TEXTS[i % TEXTS.length], null, null, null, 10, 5000).size();
                lexicalOnly.add((System.nanoTime() - s) / 1e6);
            }
            report("  of which BM25 alone (no vector)", lexicalOnly);

            try (Embedder embedder = Embedder.load(null)) {
                for (int i = 0; i < 5; i++) {
                    embedder.embedQuery(TEXTS[i]);
                }
                List<Double> withEmbedding = new ArrayList<>();
                for (int i = 0; i < Math.min(queries, 100); i++) {
                    long s = System.nanoTime();
                    sink += search.search(TEXTS[i % TEXTS.length] + " " + i, embedder::embedQuery, null, null, 10, 5000).size();
                    withEmbedding.add((System.nanoTime() - s) / 1e6);
                }
                report("hybrid query, query embedded too", withEmbedding);
            }
            if (sink == 42) {
                System.out.println();
            }
        }
        return 0;
    }

    static void report(String what, List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%s: p50 %.1f ms, p95 %.1f ms (%d queries)%n", what,
            sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.95) - 1], sorted.length);
    }

    static float[] unit(SplittableRandom random, int dims) {
        float[] v = new float[dims];
        double n = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
            n += v[i] * v[i];
        }
        for (int i = 0; i < dims; i++) {
            v[i] /= (float) Math.sqrt(n);
        }
        return v;
    }

    public static void main(String... args) {
        System.exit(new CommandLine(new SearchBench()).execute(args));
    }
}
