package deadzone.github;

import deadzone.util.Backoff;
import deadzone.util.RetryAfter;
import deadzone.util.RetryLoop;
import deadzone.util.Sleeper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which GitHub answers are worth another try, and how long to wait first: 5xx and connection
 * failures with exponential backoff; 429 and rate-limit 403s after the wait GitHub asks for
 * (Retry-After, or x-ratelimit-reset when the quota is spent), as long as that wait is bounded.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration maxWait) {
    public static final RetryPolicy DEFAULT =
        new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5));

    /** The wait before attempt {@code failedAttempt + 1} after a failure without a server-given delay. */
    public Duration backoff(int failedAttempt) {
        return backoff().delay(failedAttempt, 0);
    }

    private Backoff backoff() {
        return Backoff.exact(firstBackoff, 2, maxBackoff);
    }

    /** The loop that applies this policy: {@link #delayFor}'s wait when it gives one, else the backoff. */
    public RetryLoop loop(Sleeper sleeper) {
        return new RetryLoop(maxAttempts, backoff(), RetryLoop.AskedWait.INSTEAD, sleeper, () -> 0);
    }

    /** The wait before retrying this answer, or empty when it is final (success, or a non-transient error). */
    public Optional<Duration> delayFor(HttpResponse<?> response, int attempt, Instant now) {
        int status = response.statusCode();
        Optional<Duration> asked = retryAfter(response, now);
        if (status == 429 || (status == 403 && (asked.isPresent() || quotaSpent(response)))) {
            Duration wait = asked.or(() -> rateLimitReset(response, now)).orElseGet(() -> backoff(attempt));
            // A wait beyond maxWait (an hourly quota) is reported instead of silently stalling the job.
            return wait.compareTo(maxWait) <= 0 ? Optional.of(wait) : Optional.empty();
        }
        if (status >= 500) {
            return Optional.of(asked.filter(d -> d.compareTo(maxWait) <= 0).orElseGet(() -> backoff(attempt)));
        }
        return Optional.empty();
    }

    static Optional<Duration> retryAfter(HttpResponse<?> response, Instant now) {
        return RetryAfter.parse(response.headers().firstValue("retry-after").orElse(null), now);
    }

    private static boolean quotaSpent(HttpResponse<?> response) {
        return response.headers().firstValue("x-ratelimit-remaining").map(String::strip).filter("0"::equals).isPresent();
    }

    private static Optional<Duration> rateLimitReset(HttpResponse<?> response, Instant now) {
        try {
            return response.headers().firstValue("x-ratelimit-reset")
                .map(v -> Instant.ofEpochSecond(Long.parseLong(v.strip())))
                .map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
