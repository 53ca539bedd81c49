///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
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
//RUNTIME_OPTIONS -Xmx2g

import com.fasterxml.jackson.core.JsonProcessingException;
import deadzone.cli.Cli;
import deadzone.cli.LogOptions;
import deadzone.embed.Embedder;
import deadzone.embed.EmbedderOptions;
import deadzone.embed.OrtProfile;
import deadzone.error.UserException;
import deadzone.util.AtomicFiles;
import deadzone.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "EmbedBench", mixinStandardHelpOptions = true, version = "EmbedBench (deadzone-pack)",
    description = {"Embeds the texts of a JSONL file (one JSON string per line) as documents, after a warm-up,",
        "and prints texts/s and tokens/s on stdout. With --out, writes the vectors (one JSON array per line,",
        "input order) so other implementations can be compared on the same texts. With --profile, prints",
        "ONNX Runtime's kernel time per operator type over the whole session, warm-up included (where the time",
        "goes; profiling itself slows the texts/s printed in that run)."})
public class EmbedBench implements Callable<Integer> {
    @Option(names = "--texts", required = true, paramLabel = "FILE", description = "JSONL file, one JSON string per line.")
    Path texts;

    @Option(names = "--out", paramLabel = "VECTORS", description = "Write the vectors here (JSONL).")
    Path out;

    @Option(names = "--model-dir", paramLabel = "DIR",
        description = "A model folder instead of the default model (else DEADZONE_MODEL_DIR, else bge-small-en-v1.5-q).")
    Path modelDir;

    @Option(names = "--profile", paramLabel = "DIR",
        description = "Profile the session with ONNX Runtime (its JSON goes to DIR) and print the time per operator type.")
    Path profile;

    @Option(names = "--warmup", defaultValue = "16", paramLabel = "N", description = "Texts embedded first, untimed (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Mixin
    TuningOptions tuning;

    @Mixin
    LogOptions logOptions;

    /** Embedder settings, for measuring alternatives to the defaults. */
    static class TuningOptions {
        @Option(names = "--workers", paramLabel = "N", description = "Batches run at once (default: cores).")
        Integer workers;

        @Option(names = "--intra-op-threads", paramLabel = "N", description = "ORT threads inside one run (default: 1).")
        Integer intraOp;

        @Option(names = "--token-budget", paramLabel = "N", description = "Padded tokens per batch (default: 512).")
        Integer budget;

        @Option(names = "--max-batch", paramLabel = "N", description = "Texts per batch (default 32; always 1 for models that quantize per batch).")
        Integer maxBatch;

        @Option(names = "--opt-level", paramLabel = "LEVEL", description = "ORT graph optimisation: all, extended, basic, none.")
        String optLevel;

        EmbedderOptions apply(EmbedderOptions o) {
            if (workers != null) {
                o = o.withWorkers(workers);
            }
            if (intraOp != null) {
                o = o.withIntraOpThreads(intraOp);
            }
            if (budget != null || maxBatch != null) {
                o = o.withBatching(budget == null ? o.tokenBudget() : budget, maxBatch == null ? o.maxBatch() : maxBatch);
            }
            if (optLevel != null) {
                o = o.withOptLevel(optLevel);
            }
            return o;
        }
    }

    @Override
    public Integer call() throws IOException {
        List<String> input = readTexts(texts);
        EmbedderOptions options;
        try {
            options = tuning.apply(EmbedderOptions.defaults());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        if (profile != null) {
            Files.createDirectories(profile);
            options = options.withProfiling(profile);
        }
        try (Embedder embedder = Embedder.load(modelDir, options)) {
            embedder.embedDocuments(input.subList(0, Math.min(warmup, input.size())));
            long tokens = 0;
            for (String t : input) {
                tokens += embedder.countTokens(t);
            }
            long t0 = System.nanoTime();
            float[][] vectors = embedder.embedDocuments(input);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "model %s, %d workers, batch <= %d%n", embedder.identity().modelName(),
                options.workers(), embedder.maxBatch());
            System.out.printf(Locale.ROOT, "texts %d, tokens %d, %.2f s: %.2f texts/s, %.0f tokens/s%n",
                input.size(), tokens, seconds, input.size() / seconds, tokens / seconds);
            if (out != null) {
                writeVectors(out, vectors);
            }
            if (profile != null) {
                printProfile(OrtProfile.read(embedder.endProfiling()));
            }
        }
        return 0;
    }

    /** Kernel time per operator type over every run (the warm-up included: ORT profiles a whole session). */
    static void printProfile(OrtProfile p) {
        double total = p.totalMicros();
        System.out.printf(Locale.ROOT, "ONNX Runtime profile: %d runs, %.1f s of kernel time%n", p.runs(), total / 1e6);
        for (OrtProfile.OpTime o : p.ops()) {
            if (o.micros() >= total / 1000) {
                System.out.printf(Locale.ROOT, "  %-24s %9.1f ms  %5.1f%%  %8d calls%n", o.op(), o.micros() / 1e3,
                    100 * o.micros() / total, o.calls());
            }
        }
        double int8 = p.share(OrtProfile.INT8_MATMULS);
        double fp = p.share(OrtProfile.FLOAT_MATMULS);
        System.out.printf(Locale.ROOT, "int8 matrix multiplications %.1f%%, float matrix multiplications %.1f%%, everything else %.1f%%%n",
            100 * int8, 100 * fp, 100 * (1 - int8 - fp));
    }

    /** One JSON string per line; blank lines are skipped. Anything else is a one-line error. */
    static List<String> readTexts(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": no such file; give a JSONL file with one JSON string per line");
        }
        List<String> texts = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                Object value = Json.MAPPER.readValue(line, Object.class);
                if (!(value instanceof String s) || s.isBlank()) {
                    throw new UserException(file + " line " + (i + 1) + ": expected a non-empty JSON string, e.g. \"some text\"");
                }
                texts.add(s);
            } catch (JsonProcessingException e) {
                throw new UserException(file + " line " + (i + 1) + ": not JSON (" + e.getOriginalMessage()
                    + "); each line must be one JSON string");
            }
        }
        if (texts.isEmpty()) {
            throw new UserException(file + ": no texts; give one JSON string per line");
        }
        return texts;
    }

    /** Written beside the target first, then renamed over it: a failure never leaves half a file. */
    static void writeVectors(Path file, float[][] vectors) throws IOException {
        Path tmp = AtomicFiles.scratchBeside(file);
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (float[] v : vectors) {
                    w.write(Json.MAPPER.writeValueAsString(v));
                    w.write('\n');
                }
            }
            AtomicFiles.publish(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void main(String... args) {
        Cli.main(new EmbedBench(), args);
    }
}
