package deadzone.util;

import java.time.Duration;

/**
 * The wait before a retry, one mechanism for every client with its own policy: the n-th retry
 * waits {@code min(max, first * factor^(n-1))}, scaled by a uniformly drawn factor between
 * {@code jitterLow} and {@code jitterHigh}, so parallel jobs that failed together do not retry
 * together. The caller draws the random number, which keeps tests deterministic.
 */
public record Backoff(Duration first, double factor, Duration max, double jitterLow, double jitterHigh) {

    /** Document fetches: doubling, "equal jitter" (half to all of the delay, never sooner than half). */
    public static Backoff equalJitter(Duration first, Duration max) {
        return new Backoff(first, 2, max, 0.5, 1.0);
    }

    /** Exactly the computed delay, no jitter. */
    public static Backoff exact(Duration first, double factor, Duration max) {
        return new Backoff(first, factor, max, 1.0, 1.0);
    }

    public Backoff {
        // max below first is allowed: every delay is then max (a caller's settings, capped as they say).
        if (first.isNegative() || max.isNegative() || factor < 1 || jitterLow < 0 || jitterHigh < jitterLow) {
            throw new IllegalArgumentException("backoff needs first and max >= 0, factor >= 1 and 0 <= jitterLow <= jitterHigh,"
                + " not first " + first + ", max " + max + ", factor " + factor + ", jitter " + jitterLow + ".." + jitterHigh);
        }
    }

    /** The wait before retry number {@code retry} (1 for the first); {@code unitRandom} in [0, 1] picks the jitter. */
    public Duration delay(int retry, double unitRandom) {
        double ceiling = max.toMillis();
        double millis = Math.min(first.toMillis() * Math.pow(factor, Math.max(0, retry - 1)), ceiling);
        double r = Math.min(Math.max(unitRandom, 0.0), 1.0);
        return Duration.ofMillis(Math.round(millis * (jitterLow + r * (jitterHigh - jitterLow))));
    }
}
