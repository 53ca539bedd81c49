//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/RunFailure.java ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/util/Hashes.java

import deadzone.embed.Embedder;
import deadzone.embed.TokenBatch;

import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The practical limit of the machine for a model: the embedder's own session, workers and
 * batches, with the texts tokenised once beforehand and nothing but session runs timed. The
 * embedder's throughput divided by this is the share lost to tokenising, pooling and scheduling.
 */
final class RawOrtBaseline {
    private final Embedder embedder;
    private final List<TokenBatch> batches;
    private final int texts;

    /** Tokenises and batches {@code texts} exactly as {@link Embedder#embedDocuments} would. */
    RawOrtBaseline(Embedder embedder, List<String> texts) {
        this.embedder = embedder;
        this.texts = texts.size();
        this.batches = embedder.documentBatches(texts);
    }

    int batchCount() {
        return batches.size();
    }

    /** Padded tokens over real tokens: what sorting by length is meant to keep near 1. */
    double paddingRatio() {
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
    long runOnce() throws InterruptedException, ExecutionException {
        long t0 = System.nanoTime();
        embedder.runSessionsOnly(batches);
        return System.nanoTime() - t0;
    }

    int texts() {
        return texts;
    }
}
