package deadzone.util;

import java.time.Duration;

/**
 * How retry loops wait. Injected so tests can record the delays a policy asks for (a 429 with
 * {@code Retry-After: 7}) without waiting for them.
 */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = delay -> Thread.sleep(delay.toMillis());

    void sleep(Duration delay) throws InterruptedException;
}
