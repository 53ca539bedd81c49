//SOURCES ../shared/deadzone/util/Backoff.java ../shared/deadzone/util/RetryAfter.java

import deadzone.util.Backoff;
import deadzone.util.RetryAfter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    @Test
    void equalJitterWaitsBetweenHalfAndAllOfTheDoublingDelayUpToTheCap() {
        Backoff b = Backoff.equalJitter(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertEquals(Duration.ofMillis(500), b.delay(1, 0.0));
        assertEquals(Duration.ofSeconds(1), b.delay(1, 1.0));
        assertEquals(Duration.ofMillis(1500), b.delay(2, 0.5));
        assertEquals(Duration.ofSeconds(4), b.delay(3, 1.0));
        assertEquals(Duration.ofSeconds(5), b.delay(4, 1.0), "8 s is capped at 5 s");
        assertEquals(Duration.ofSeconds(5), b.delay(60, 1.0), "no overflow however many retries");
        assertEquals(Duration.ofSeconds(1), Backoff.exact(Duration.ofSeconds(5), 2, Duration.ofSeconds(1)).delay(1, 0),
            "a cap below the first delay caps it too");
    }

    @Test
    void exactHasNoJitterAndOutOfRangeRandomsAreClamped() {
        Backoff b = Backoff.exact(Duration.ofSeconds(1), 2, Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(16), b.delay(5, 0.0));
        assertEquals(Duration.ofSeconds(16), b.delay(5, 7.0));
        Backoff jittered = Backoff.equalJitter(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(1), jittered.delay(1, -3.0));
        assertEquals(Duration.ofSeconds(2), jittered.delay(1, 3.0));
    }

    @Test
    void aToolkitLikePolicyGrowsByHalfAndSpreadsUpward() {
        Backoff b = new Backoff(Duration.ofSeconds(3), 1.5, Duration.ofMinutes(1), 1.0, 1.2);
        assertEquals(Duration.ofMillis(4500), b.delay(2, 0.0));
        assertEquals(Duration.ofMillis(5400), b.delay(2, 1.0));
    }

    @Test
    void nonsensePoliciesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.exact(Duration.ofSeconds(-1), 2, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> Backoff.exact(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(9)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, 2, Duration.ZERO, 1.0, 0.5));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDatesNeverNegative() {
        Instant now = Instant.parse("2026-11-27T08:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Fri, 27 Nov 2026 08:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Fri, 27 Nov 2026 07:00:00 GMT", now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    }
}
