package deadzone.fetch;

import java.time.Duration;

/**
 * How the fetcher waits between attempts. Injected so that tests can record the delays a
 * retry policy asks for (a 429 with {@code Retry-After: 7}) without waiting for them.
 */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = delay -> Thread.sleep(delay.toMillis());

    void sleep(Duration delay) throws InterruptedException;
}
