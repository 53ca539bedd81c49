package deadzone.util;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The one retry loop of the suite, shared by the fetcher, the GitHub client and the cache client:
 * run an attempt; while it asks for another and attempts remain, wait and run it again. Each
 * client brings its policy (how many attempts, which {@link Backoff}, whether a wait the server
 * asked for replaces the backoff or only lengthens it), decides per answer what is worth another
 * try, logs the retries its own way, and says what giving up means for it.
 */
public final class RetryLoop {
    /** How a wait the server asked for (Retry-After) combines with the backoff. */
    public enum AskedWait {
        /** The longer of the two: the backoff still spreads out parallel jobs. */
        AT_LEAST,
        /** The server's wait alone (it already chose one, bounded, for this answer). */
        INSTEAD
    }

    /** What one attempt came to. */
    public sealed interface Step<T> permits Done, Again {
    }

    /** A final answer, good or bad: no more attempts. */
    public record Done<T>(T value) implements Step<T> {
    }

    /**
     * Worth another attempt: {@code reason} says why, {@code asked} is the server's wait (null for
     * none), {@code value} what this attempt got (the answer to keep when none remains, may be null)
     * and {@code cause} the exception behind it, if any.
     */
    public record Again<T>(String reason, Duration asked, T value, Exception cause) implements Step<T> {
    }

    /** How the loop ended: with a final answer, out of attempts, or interrupted while waiting. */
    public enum End { DONE, EXHAUSTED, INTERRUPTED }

    /**
     * The loop's result: the final answer when {@link End#DONE}; otherwise the last {@link Again}
     * and how many attempts ran. After an interruption the thread's interrupt flag is set again.
     */
    public record Outcome<T>(End end, T value, Again<T> last, int attempts) {
    }

    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        Step<T> run(int attempt) throws E, InterruptedException;
    }

    /** Told before each wait: the attempt that failed (1 for the first), why, and the wait. */
    @FunctionalInterface
    public interface Listener<T> {
        void retrying(int attempt, Again<T> again, Duration delay);
    }

    private final int maxAttempts;
    private final Backoff backoff;
    private final AskedWait askedWait;
    private final Sleeper sleeper;
    private final DoubleSupplier unitRandom;

    /** {@code unitRandom} draws the backoff's jitter, once per retry; tests pin it. */
    public RetryLoop(int maxAttempts, Backoff backoff, AskedWait askedWait, Sleeper sleeper, DoubleSupplier unitRandom) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.askedWait = askedWait;
        this.sleeper = sleeper;
        this.unitRandom = unitRandom;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before retry number {@code retry} when the server asked for {@code asked} (null: nothing). */
    public Duration delay(int retry, Duration asked) {
        if (asked != null && askedWait == AskedWait.INSTEAD) {
            return asked;
        }
        Duration computed = backoff.delay(retry, unitRandom.getAsDouble());
        return asked != null && asked.compareTo(computed) > 0 ? asked : computed;
    }

    public <T, E extends Exception> Outcome<T> run(Attempt<T, E> attempt, Listener<T> listener)
        throws E, InterruptedException {
        for (int n = 1; ; n++) {
            Step<T> step = attempt.run(n);
            if (step instanceof Done<T> done) {
                return new Outcome<>(End.DONE, done.value(), null, n);
            }
            Again<T> again = (Again<T>) step;
            if (n >= maxAttempts) {
                return new Outcome<>(End.EXHAUSTED, again.value(), again, n);
            }
            Duration delay = delay(n, again.asked());
            listener.retrying(n, again, delay);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome<>(End.INTERRUPTED, again.value(), again, n);
            }
        }
    }
}
