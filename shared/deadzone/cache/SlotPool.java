package deadzone.cache;

import deadzone.registry.MatrixJson.Slot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** One task per slot, at most {@code parallel} at a time, results in slot order. */
final class SlotPool {
    /** A slot's task; a RuntimeException it throws (CacheAccessDenied) stops the whole run. */
    @FunctionalInterface
    interface Task<T> {
        T run(Slot slot) throws InterruptedException;
    }

    private SlotPool() {
    }

    static <T> List<T> inOrder(List<Slot> slots, int parallel, Task<T> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Slot slot : slots) {
                running.add(pool.submit(() -> task.run(slot)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : running) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime; // CacheAccessDenied: the whole run stops
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
            // Let interrupted tasks remove their work folders before the caller exits.
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
