package deadzone.fetch;

import java.time.Duration;
import java.util.Map;

/**
 * How the fetcher behaves. {@link #defaults()} suits documentation hosts; {@link #fromEnvironment()}
 * adds {@code GITHUB_TOKEN}. The token is only ever sent to GitHub hosts (see {@link GitHubAuth})
 * and {@link #toString()} never shows it.
 *
 * @param connectTimeout   TCP connect timeout
 * @param requestTimeout   bound on one request: headers and the whole body
 * @param maxBodyBytes     cap on the decoded body; a larger one fails the url
 * @param maxAttempts      requests per url, retries included
 * @param backoffBase      first retry delay before jitter; doubles with each retry
 * @param backoffMax       largest retry delay before jitter
 * @param maxRetryAfter    largest {@code Retry-After} honoured; a longer one is cut to this
 * @param maxRedirects     redirects followed per request
 * @param userAgent        the {@code User-Agent} header
 * @param githubToken      {@code GITHUB_TOKEN}, or null
 */
public record FetchSettings(
    Duration connectTimeout,
    Duration requestTimeout,
    long maxBodyBytes,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration maxRetryAfter,
    int maxRedirects,
    String userAgent,
    String githubToken) {

    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    public FetchSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(backoffBase, "backoffBase");
        requirePositive(backoffMax, "backoffMax");
        requirePositive(maxRetryAfter, "maxRetryAfter");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1, not " + maxBodyBytes);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative, not " + maxRedirects);
        }
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        githubToken = githubToken == null || githubToken.isBlank() ? null : githubToken.strip();
    }

    public static FetchSettings defaults() {
        return new FetchSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), DEFAULT_MAX_BODY_BYTES, 4,
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), 5,
            "deadzone-pack (+https://github.com/laradji/deadzone)", null);
    }

    /** {@link #defaults()} with {@code GITHUB_TOKEN} from {@code env}, when set. */
    public static FetchSettings fromEnvironment(Map<String, String> env) {
        return defaults().withGithubToken(env.get("GITHUB_TOKEN"));
    }

    public FetchSettings withConnectTimeout(Duration d) {
        return new FetchSettings(d, requestTimeout, maxBodyBytes, maxAttempts, backoffBase, backoffMax,
            maxRetryAfter, maxRedirects, userAgent, githubToken);
    }

    public FetchSettings withRequestTimeout(Duration d) {
        return new FetchSettings(connectTimeout, d, maxBodyBytes, maxAttempts, backoffBase, backoffMax,
            maxRetryAfter, maxRedirects, userAgent, githubToken);
    }

    public FetchSettings withMaxBodyBytes(long bytes) {
        return new FetchSettings(connectTimeout, requestTimeout, bytes, maxAttempts, backoffBase, backoffMax,
            maxRetryAfter, maxRedirects, userAgent, githubToken);
    }

    public FetchSettings withMaxAttempts(int attempts) {
        return new FetchSettings(connectTimeout, requestTimeout, maxBodyBytes, attempts, backoffBase, backoffMax,
            maxRetryAfter, maxRedirects, userAgent, githubToken);
    }

    public FetchSettings withBackoff(Duration base, Duration max) {
        return new FetchSettings(connectTimeout, requestTimeout, maxBodyBytes, maxAttempts, base, max,
            maxRetryAfter, maxRedirects, userAgent, githubToken);
    }

    public FetchSettings withMaxRetryAfter(Duration d) {
        return new FetchSettings(connectTimeout, requestTimeout, maxBodyBytes, maxAttempts, backoffBase, backoffMax,
            d, maxRedirects, userAgent, githubToken);
    }

    public FetchSettings withMaxRedirects(int redirects) {
        return new FetchSettings(connectTimeout, requestTimeout, maxBodyBytes, maxAttempts, backoffBase, backoffMax,
            maxRetryAfter, redirects, userAgent, githubToken);
    }

    public FetchSettings withGithubToken(String token) {
        return new FetchSettings(connectTimeout, requestTimeout, maxBodyBytes, maxAttempts, backoffBase, backoffMax,
            maxRetryAfter, maxRedirects, userAgent, token);
    }

    public boolean hasGithubToken() {
        return githubToken != null;
    }

    /** Like the generated one, but the token is masked: settings get logged, secrets must not. */
    @Override
    public String toString() {
        return "FetchSettings[connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
            + ", maxBodyBytes=" + maxBodyBytes + ", maxAttempts=" + maxAttempts + ", backoffBase=" + backoffBase
            + ", backoffMax=" + backoffMax + ", maxRetryAfter=" + maxRetryAfter + ", maxRedirects=" + maxRedirects
            + ", userAgent=" + userAgent + ", githubToken=" + (githubToken == null ? "unset" : "***") + "]";
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + d);
        }
    }
}
