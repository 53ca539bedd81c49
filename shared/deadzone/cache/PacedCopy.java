package deadzone.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies a response body under {@link DownloadLimits}: a watchdog closes the stream when the
 * deadline passes or the body runs slower than the minimum rate, which unblocks a read that would
 * otherwise wait forever; the copy then fails with the reason. Also stops at the size limit.
 */
final class PacedCopy {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "download-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Why a copy was stopped; {@code retryable} when another attempt may do better (a stall, not the deadline). */
    static final class Stopped extends IOException {
        final boolean retryable;

        Stopped(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }
    }

    private PacedCopy() {
    }

    /**
     * Copies {@code in} to {@code out} until the end, or throws {@link Stopped}: after
     * {@code remaining} (the download's deadline), when fewer than minBytesPerSecond x window bytes
     * arrived in a window, or past maxBytes.
     */
    static long copy(InputStream in, OutputStream out, DownloadLimits limits, Duration remaining) throws IOException {
        AtomicLong copied = new AtomicLong();
        AtomicReference<Stopped> stop = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + remaining.toNanos();
        long windowNanos = limits.window().toNanos();
        long perWindow = (long) (limits.minBytesPerSecond() * (windowNanos / 1e9));
        long[] windowStart = {start, 0};
        long tick = Math.max(10, Math.min(limits.window().toMillis(), remaining.toMillis()) / 10);
        ScheduledFuture<?> watch = WATCHDOG.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            Stopped why = null;
            if (now >= deadline) {
                why = new Stopped("the download took longer than " + seconds(limits.deadline()) + " (after "
                    + copied.get() + " bytes)", false);
            } else if (now - windowStart[0] >= windowNanos) {
                long arrived = copied.get() - windowStart[1];
                if (arrived < perWindow) {
                    why = new Stopped(String.format(Locale.ROOT, "the download ran slower than %,d bytes/s for %s (%,d bytes arrived)",
                        limits.minBytesPerSecond(), seconds(limits.window()), arrived), true);
                }
                windowStart[0] = now;
                windowStart[1] = copied.get();
            }
            if (why != null && stop.compareAndSet(null, why)) {
                closeQuietly(in);
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
        try {
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw stop.get() != null ? stop.get() : e;
                }
                if (n < 0) {
                    break;
                }
                if (copied.get() + n > limits.maxBytes()) {
                    throw new Stopped("the archive is larger than " + limits.maxBytes() + " bytes (--max-extract-mib)", false);
                }
                out.write(buffer, 0, n);
                copied.addAndGet(n);
            }
            if (stop.get() != null) {
                throw stop.get(); // the watchdog closed the stream: its end is not the body's end
            }
            return copied.get();
        } finally {
            watch.cancel(false);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the reader sees the stream end or fail either way
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
