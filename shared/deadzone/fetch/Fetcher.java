package deadzone.fetch;

import deadzone.log.Log;
import deadzone.util.Backoff;
import deadzone.util.Failures;
import deadzone.util.HttpUrls;
import deadzone.util.RetryAfter;
import deadzone.util.RetryLoop;
import deadzone.util.Sleeper;

import javax.net.ssl.SSLException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.zip.GZIPInputStream;

/**
 * Fetches documentation urls over HTTP(S) with one shared {@link HttpClient}: timeouts, gzip,
 * a cap on the decoded body, a bounded number of redirects (followed here, so the GitHub token
 * is decided per hop), retries with backoff and jitter on network errors, timeouts, 429 and 5xx,
 * and conditional requests. Thread-safe; one instance serves a whole run.
 *
 * <p>{@link #fetch} never throws for HTTP or network trouble: every such problem is a
 * {@link FetchResult} with a reason. A malformed url is an {@link IllegalArgumentException}.
 */
public final class Fetcher {
    private final FetchSettings settings;
    private final RetryLoop retries;
    private final HttpClient client;

    public Fetcher(FetchSettings settings) {
        this(settings, Sleeper.REAL);
    }

    public Fetcher(FetchSettings settings, Sleeper sleeper) {
        this(settings, sleeper, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code unitRandom} gives the jitter, a number in [0, 1]; tests pin it. */
    public Fetcher(FetchSettings settings, Sleeper sleeper, DoubleSupplier unitRandom) {
        this.settings = settings;
        // Network errors, timeouts, 429 and 5xx: doubling with equal jitter, never sooner than Retry-After.
        this.retries = new RetryLoop(settings.maxAttempts(), Backoff.equalJitter(settings.backoffBase(), settings.backoffMax()),
            RetryLoop.AskedWait.AT_LEAST, sleeper, unitRandom);
        this.client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    public FetchSettings settings() {
        return settings;
    }

    public FetchResult fetch(String url) {
        return fetch(url, Validators.NONE);
    }

    /** Fetches {@code url}, conditionally when {@code previous} holds validators from an earlier fetch. */
    public FetchResult fetch(String url, Validators previous) {
        URI uri = parseUrl(url);
        Validators validators = previous == null ? Validators.NONE : previous;
        RetryLoop.Outcome<FetchResult> outcome;
        try {
            outcome = retries.run(attempt -> attempt(url, uri, validators, attempt), (attempt, again, delay) ->
                Log.info("fetch_retry", "url", url, "attempt", attempt, "reason", again.reason(), "delay_ms", delay.toMillis()));
        } catch (InterruptedException e) {
            throw new IllegalStateException("an attempt never throws InterruptedException", e);
        }
        int attempts = outcome.attempts();
        return switch (outcome.end()) {
            case DONE -> outcome.value();
            case EXHAUSTED -> FetchResult.failed(url, outcome.value().status(), attempts == 1 ? outcome.last().reason()
                : outcome.last().reason() + " (gave up after " + attempts + " attempts)", attempts);
            case INTERRUPTED -> FetchResult.failed(url, outcome.value().status(),
                outcome.last().reason() + " (interrupted while waiting to retry)", attempts);
        };
    }

    /** One request and its redirects: a final result, or a reason to retry (with the server's Retry-After). */
    private RetryLoop.Step<FetchResult> attempt(String url, URI uri, Validators validators, int attempt) {
        Reply reply;
        try {
            reply = followRedirects(uri, validators);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RetryLoop.Done<>(FetchResult.failed(url, 0, "interrupted", attempt));
        }
        int status = reply.status();
        if (reply.failure() != null) {
            if (!reply.retryable()) {
                return new RetryLoop.Done<>(FetchResult.failed(url, status, reply.failure(), attempt));
            }
            return again(url, status, reply.failure(), Duration.ZERO, attempt);
        }
        HttpHeaders h = reply.headers();
        if (status >= 200 && status < 300) {
            return new RetryLoop.Done<>(new FetchResult(url, FetchResult.Outcome.OK, status, reply.body(),
                h.firstValue("Content-Type").orElse(null), h.firstValue("ETag").orElse(null),
                h.firstValue("Last-Modified").orElse(null), null, attempt));
        }
        if (status == 304) {
            return new RetryLoop.Done<>(new FetchResult(url, FetchResult.Outcome.NOT_MODIFIED, status, null,
                h.firstValue("Content-Type").orElse(null),
                h.firstValue("ETag").orElse(validators.etag()),
                h.firstValue("Last-Modified").orElse(validators.lastModified()), "not modified", attempt));
        }
        if (FetchResult.isMissing(status)) {
            return new RetryLoop.Done<>(new FetchResult(url, FetchResult.Outcome.MISSING, status, null, null, null, null,
                "HTTP " + status, attempt));
        }
        if (FetchResult.isTransient(status)) {
            Duration retryAfter = RetryAfter.parse(h.firstValue("Retry-After").orElse(null), Instant.now())
                .map(d -> d.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : d)
                .orElse(Duration.ZERO);
            return again(url, status, "HTTP " + status, retryAfter, attempt);
        }
        return new RetryLoop.Done<>(FetchResult.failed(url, status, "HTTP " + status + hint(status, h), attempt));
    }

    private static RetryLoop.Step<FetchResult> again(String url, int status, String reason, Duration retryAfter, int attempt) {
        return new RetryLoop.Again<>(reason, retryAfter, FetchResult.failed(url, status, reason, attempt), null);
    }

    /** What one request (after its redirects) came to: a response, or a failure with a reason. */
    private record Reply(int status, HttpHeaders headers, byte[] body, String failure, boolean retryable) {
        static Reply failure(int status, String reason, boolean retryable) {
            return new Reply(status, null, null, reason, retryable);
        }
    }

    private Reply followRedirects(URI start, Validators validators) throws InterruptedException {
        URI current = start;
        List<URI> hops = new ArrayList<>();
        for (int hop = 0; ; hop++) {
            hops.add(current);
            Reply reply = send(current, validators, hops);
            if (reply.failure() != null || !isRedirect(reply.status())) {
                return reply;
            }
            Optional<String> location = reply.headers().firstValue("Location");
            if (location.isEmpty() || location.get().isBlank()) {
                return Reply.failure(reply.status(), "HTTP " + reply.status() + " redirect without a Location header", false);
            }
            if (hop >= settings.maxRedirects()) {
                return Reply.failure(reply.status(), "more than " + settings.maxRedirects() + " redirects", false);
            }
            try {
                current = current.resolve(new URI(location.get().strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return Reply.failure(reply.status(), "redirect to a malformed url: " + location.get(), false);
            }
            if (!HttpUrls.isHttp(current)) {
                return Reply.failure(reply.status(), "redirect to a non-http url: " + current, false);
            }
        }
    }

    /** One request to the last of {@code hops}; the token goes along only if every hop may carry it. */
    private Reply send(URI uri, Validators validators, List<URI> hops) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .GET()
            .timeout(settings.requestTimeout())
            .header("User-Agent", settings.userAgent())
            .header("Accept-Encoding", "gzip");
        GitHubAuth.authorizationFor(hops, settings.githubToken()).ifPresent(v -> request.header("Authorization", v));
        if (validators.etag() != null) {
            request.header("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            request.header("If-Modified-Since", validators.lastModified());
        }
        long cap = settings.maxBodyBytes();
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            if (info.statusCode() < 200 || info.statusCode() >= 300) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]);
            }
            boolean identity = contentEncoding(info.headers()).equals("identity");
            long declared = identity ? info.headers().firstValueAsLong("Content-Length").orElse(-1) : -1;
            return new CappedBody(cap, declared);
        };
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request.build(), handler);
        HttpResponse<byte[]> response;
        try {
            // The request timeout only covers the headers; this bounds the body as well.
            response = pending.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return Reply.failure(0, "timed out after " + seconds(settings.requestTimeout()), true);
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return describe(e.getCause(), uri);
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            return new Reply(response.statusCode(), response.headers(), new byte[0], null, false);
        }
        String encoding = contentEncoding(response.headers());
        byte[] body = response.body();
        switch (encoding) {
            case "identity" -> { }
            case "gzip", "x-gzip" -> {
                try {
                    body = gunzip(body, cap);
                } catch (CappedBody.TooLarge e) {
                    return Reply.failure(response.statusCode(), e.getMessage(), false);
                } catch (IOException e) {
                    return Reply.failure(response.statusCode(), "invalid gzip body: " + message(e), false);
                }
            }
            default -> {
                return Reply.failure(response.statusCode(), "unsupported Content-Encoding " + encoding, false);
            }
        }
        return new Reply(response.statusCode(), response.headers(), body, null, false);
    }

    /** Turns what the client threw into a reason; network trouble is worth another attempt. */
    private Reply describe(Throwable error, URI uri) {
        Throwable t = error;
        while ((t instanceof ExecutionException || t instanceof java.util.concurrent.CompletionException)
            && t.getCause() != null) {
            t = t.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CappedBody.TooLarge) {
                return Reply.failure(200, c.getMessage(), false);
            }
        }
        if (t instanceof HttpConnectTimeoutException) {
            return Reply.failure(0, "connect timed out after " + seconds(settings.connectTimeout()), true);
        }
        if (t instanceof HttpTimeoutException) {
            return Reply.failure(0, "timed out after " + seconds(settings.requestTimeout()), true);
        }
        if (t instanceof ConnectException) {
            String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            String why = message(t);
            return Reply.failure(0, "could not connect to " + where
                + (why.equals(t.getClass().getSimpleName()) ? "" : ": " + why), true);
        }
        if (t instanceof SSLException) {
            // A certificate or protocol mismatch does not heal by itself.
            return Reply.failure(0, "TLS failure: " + message(t), false);
        }
        if (t instanceof IOException) {
            return Reply.failure(0, "connection failed: " + message(t), true);
        }
        return Reply.failure(0, "request failed: " + message(t), false);
    }

    private static byte[] gunzip(byte[] compressed, long cap) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, compressed.length * 4));
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > cap) {
                    throw new CappedBody.TooLarge(cap);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static String contentEncoding(HttpHeaders headers) {
        return headers.firstValue("Content-Encoding").map(v -> v.strip().toLowerCase(Locale.ROOT))
            .filter(v -> !v.isEmpty()).orElse("identity");
    }

    /** Adds what a person needs to know to fix a non-retried 4xx. */
    private String hint(int status, HttpHeaders headers) {
        if (status == 403 && headers.firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent()) {
            return settings.hasGithubToken() ? " (GitHub rate limit exhausted)"
                : " (GitHub rate limit exhausted; set GITHUB_TOKEN)";
        }
        if (status == 401 && settings.hasGithubToken()) {
            return " (check GITHUB_TOKEN)";
        }
        return "";
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty url");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed url " + url + ": " + e.getReason(), e);
        }
        if (!HttpUrls.isHttp(uri)) {
            throw new IllegalArgumentException("not an http(s) url with a host: " + url);
        }
        return uri;
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** What went wrong, in words (the JDK often wraps a useful message in a bare exception). */
    private static String message(Throwable t) {
        return Failures.describe(t);
    }
}
