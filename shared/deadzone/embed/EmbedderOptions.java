package deadzone.embed;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How the embedder uses the machine. The defaults are what measured fastest on a 2-core runner
 * (see bench/EmbedCompare.java and the README's performance section); the benchmarks override
 * them to compare settings.
 *
 * @param workers         batches run at once, each on its own thread (default: one per core)
 * @param intraOpThreads  ONNX Runtime threads inside one run (default 1: workers already fill the cores)
 * @param tokenBudget     a batch holds at most this many padded tokens (batch size x longest text)
 * @param maxBatch        and at most this many texts
 * @param window          texts tokenised, sorted and batched together; the next window is
 *                        tokenised while the current one runs
 * @param optLevel        graph optimisation: all, extended, basic or none
 * @param spinning        let idle ORT threads spin (wastes CPU that the other workers need)
 * @param memoryPattern   ORT memory-pattern planning (shapes vary per batch, so it rarely pays)
 * @param cpuArena        ORT's CPU arena allocator
 * @param profileDir      where ORT writes its per-operator profile (null: no profiling), see {@link OrtProfile}
 */
public record EmbedderOptions(
    int workers,
    int intraOpThreads,
    int tokenBudget,
    int maxBatch,
    int window,
    String optLevel,
    boolean spinning,
    boolean memoryPattern,
    boolean cpuArena,
    Path profileDir) {

    public EmbedderOptions {
        if (workers < 1 || intraOpThreads < 1 || tokenBudget < 1 || maxBatch < 1 || window < 1) {
            throw new IllegalArgumentException("embedder settings must be at least 1: workers " + workers + ", intra-op threads "
                + intraOpThreads + ", token budget " + tokenBudget + ", max batch " + maxBatch + ", window " + window);
        }
        optLevel = optLevel.toLowerCase(Locale.ROOT);
        if (!optLevel.matches("all|extended|basic|none")) {
            throw new IllegalArgumentException("optLevel must be all, extended, basic or none, not " + optLevel);
        }
    }

    public static EmbedderOptions defaults() {
        return new EmbedderOptions(Runtime.getRuntime().availableProcessors(), 1, 512, 32, 256,
            "all", false, false, true, null);
    }

    public EmbedderOptions withWorkers(int n) {
        return new EmbedderOptions(n, intraOpThreads, tokenBudget, maxBatch, window, optLevel, spinning, memoryPattern, cpuArena, profileDir);
    }

    public EmbedderOptions withIntraOpThreads(int n) {
        return new EmbedderOptions(workers, n, tokenBudget, maxBatch, window, optLevel, spinning, memoryPattern, cpuArena, profileDir);
    }

    public EmbedderOptions withBatching(int budget, int batch) {
        return new EmbedderOptions(workers, intraOpThreads, budget, batch, window, optLevel, spinning, memoryPattern, cpuArena, profileDir);
    }

    public EmbedderOptions withOptLevel(String level) {
        return new EmbedderOptions(workers, intraOpThreads, tokenBudget, maxBatch, window, level, spinning, memoryPattern, cpuArena, profileDir);
    }

    public EmbedderOptions withAllocation(boolean spin, boolean pattern, boolean arena) {
        return new EmbedderOptions(workers, intraOpThreads, tokenBudget, maxBatch, window, optLevel, spin, pattern, arena, profileDir);
    }

    public EmbedderOptions withProfiling(Path dir) {
        return new EmbedderOptions(workers, intraOpThreads, tokenBudget, maxBatch, window, optLevel, spinning, memoryPattern, cpuArena, dir);
    }
}
