package deadzone.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The practical limit of the machine for a model: the embedder's own session, workers and
 * batches, with the texts tokenised once beforehand and nothing but session runs timed. The
 * embedder's throughput divided by this is the share lost to tokenising, pooling and scheduling.
 */
public final class RawOrtBaseline {
    private final Embedder embedder;
    private final List<TokenBatch> batches = new ArrayList<>();
    private final int texts;

    /** Tokenises and batches {@code texts} exactly as {@link Embedder#embedDocuments} would. */
    public RawOrtBaseline(Embedder embedder, List<String> texts) {
        this.embedder = embedder;
        this.texts = texts.size();
        EmbedderOptions o = embedder.options();
        String prefix = embedder.identity().documentPrefix();
        for (int start = 0; start < texts.size(); start += o.window()) {
            long[][] ids = embedder.tokenizeWindow(texts, start, prefix, new int[1]);
            batches.addAll(BatchPlan.plan(ids, start, o.tokenBudget(), embedder.maxBatch()));
        }
    }

    public int batchCount() {
        return batches.size();
    }

    /** Padded tokens over real tokens: what sorting by length is meant to keep near 1. */
    public double paddingRatio() {
        long padded = 0;
        long real = 0;
        for (TokenBatch b : batches) {
            padded += b.paddedTokens();
            for (long[] row : b.ids()) {
                real += row.length;
            }
        }
        return real == 0 ? 1 : (double) padded / real;
    }

    /** Runs every batch once on the embedder's workers; returns the wall time in nanoseconds. */
    public long runOnce() throws InterruptedException, ExecutionException {
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>(batches.size());
        for (TokenBatch b : batches) {
            running.add(embedder.workers().submit(() -> {
                embedder.encoder().runOnly(b);
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        return System.nanoTime() - t0;
    }

    public int texts() {
        return texts;
    }
}
