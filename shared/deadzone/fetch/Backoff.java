package deadzone.fetch;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * {@code min(max, base * 2^(n-1))}, so parallel slots that failed together do not retry together
 * yet never retry sooner than half the intended delay.
 */
final class Backoff {
    private final Duration base;
    private final Duration max;
    private final DoubleSupplier unitRandom;

    Backoff(Duration base, Duration max, DoubleSupplier unitRandom) {
        this.base = base;
        this.max = max;
        this.unitRandom = unitRandom;
    }

    /** The delay before retry number {@code retry} (1 for the first retry). */
    Duration delay(int retry) {
        long ceiling = max.toMillis();
        long millis = base.toMillis();
        for (int i = 1; i < retry && millis < ceiling; i++) {
            millis *= 2;
        }
        millis = Math.min(millis, ceiling);
        double r = Math.min(Math.max(unitRandom.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis(millis / 2 + Math.round(r * (millis - millis / 2)));
    }
}
