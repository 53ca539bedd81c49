//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.log.Log;
import deadzone.util.Backoff;
import deadzone.util.HttpUrls;
import deadzone.util.Failures;
import deadzone.util.Json;
import deadzone.util.RetryLoop;
import deadzone.util.Sleeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client of the GitHub Actions cache service v2: the Twirp lookup {@code GetCacheEntryDownloadURL}
 * and the download of the signed blob URL it answers with. Requests match what
 * {@code @actions/cache} sends (docs/workflow.md, "The fan-in"); the runtime token goes to the
 * Twirp endpoint only, never to the blob store, and neither the token nor a signed URL is logged.
 */
public final class CacheServiceClient {
    static final int ATTEMPTS = 5;
    /** Like the toolkit: 3 s, then x1.5 per attempt, plus up to 20 % so parallel retries spread out. */
    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(3), 1.5, Duration.ofMinutes(1), 1.0, 1.2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String USER_AGENT = "deadzone-pack-restore-caches";

    private final CacheCredentials credentials;
    private final DownloadLimits limits;
    private final RetryLoop retries;
    // Twirp never redirects; refusing redirects keeps the bearer token from following one elsewhere.
    private final HttpClient twirpHttp;
    // HTTP/1.1 because the blob store is plain Azure Blob and a fake on http; no h2c upgrade dance.
    private final HttpClient blobHttp;

    public CacheServiceClient(CacheCredentials credentials, Sleeper sleeper) {
        this(credentials, sleeper, DownloadLimits.DEFAULTS);
    }

    public CacheServiceClient(CacheCredentials credentials, Sleeper sleeper, DownloadLimits limits) {
        this.credentials = credentials;
        this.limits = limits;
        this.retries = new RetryLoop(ATTEMPTS, BACKOFF, RetryLoop.AskedWait.AT_LEAST, sleeper,
            () -> ThreadLocalRandom.current().nextDouble());
        this.twirpHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.blobHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** A found entry. The signed URL is a short-lived secret: it is not part of toString. */
    public record Hit(String matchedKey, URI signedDownloadUrl) {
        @Override
        public String toString() {
            return "Hit[matchedKey=" + matchedKey + "]";
        }
    }

    /**
     * Looks an entry up. The service tries {@code key} exactly, then as a prefix, then each
     * restore key likewise, newest first among prefix matches; the answer's matched_key tells
     * which one it found. Empty on a miss.
     */
    public Optional<Hit> lookup(String key, List<String> restoreKeys, String version)
        throws CacheServiceException, InterruptedException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("key", key);
        if (!restoreKeys.isEmpty()) { // proto3 JSON omits empty fields, like the toolkit
            restoreKeys.forEach(body.putArray("restore_keys")::add);
        }
        body.put("version", version);
        HttpRequest request = HttpRequest.newBuilder(credentials.twirp("GetCacheEntryDownloadURL"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + credentials.runtimeToken())
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
        String what = "cache lookup of " + key;
        HttpResponse<String> response = withRetries(what, credentials.runtimeToken(), () -> {
            HttpResponse<String> r = twirpHttp.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 500) {
                throw new Retryable("the cache service answered HTTP " + r.statusCode() + twirpError(r.body()));
            }
            return r;
        });
        int status = response.statusCode();
        if (status != 200) {
            throw refusal(status, response.body(), what);
        }
        JsonNode reply = parse(response.body(), what);
        // A miss is 200 with ok false, or with ok absent altogether (proto3 JSON drops default values).
        if (!reply.path("ok").asBoolean(false)) {
            return Optional.empty();
        }
        String url = reply.path("signed_download_url").asText("");
        if (url.isEmpty()) {
            throw new CacheServiceException(what + ": the cache service answered ok without a download URL");
        }
        URI signed;
        try {
            signed = new URI(url);
        } catch (URISyntaxException e) {
            throw new CacheServiceException(what + ": the cache service answered an invalid download URL");
        }
        // Never printed (it is a credential); an ftp:, file: or host-less URL fails this entry, not the run.
        if (!HttpUrls.isHttp(signed)) {
            throw new CacheServiceException(what + ": the cache service answered a download URL that is not http(s) with a host"
                + (signed.getScheme() == null ? "" : " (scheme " + signed.getScheme() + ")"));
        }
        return Optional.of(new Hit(reply.path("matched_key").asText(""), signed));
    }

    /**
     * Downloads a signed blob URL to {@code target} with one plain GET (what the toolkit does for
     * any non-Azure host, and valid for Azure SAS URLs too), checking the length against
     * Content-Length, within the {@link DownloadLimits} (all attempts share the deadline). Returns
     * the number of bytes.
     */
    public long download(URI signedUrl, Path target) throws CacheServiceException, InterruptedException {
        if (!HttpUrls.isHttp(signedUrl)) {
            throw new CacheServiceException("download: the signed URL is not http(s) with a host");
        }
        // No Authorization header, ever: the signature in the URL is the credential.
        HttpRequest request = HttpRequest.newBuilder(signedUrl)
            .timeout(REQUEST_TIMEOUT)
            .header("User-Agent", USER_AGENT)
            .GET()
            .build();
        String what = "download from " + signedUrl.getHost();
        long deadline = System.nanoTime() + limits.deadline().toNanos();
        return withRetries(what, signedUrl.getRawQuery(), () -> {
            Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
            if (remaining.isNegative() || remaining.isZero()) {
                throw new CacheServiceException(what + ": no time left of the download's " + limits.deadline().toSeconds() + " s");
            }
            // The request timeout covers the headers only; the body is read under the limits.
            HttpResponse<InputStream> r = blobHttp.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long size;
            try (InputStream body = r.body()) {
                int status = r.statusCode();
                if (status >= 500) {
                    throw new Retryable("the blob store answered HTTP " + status);
                }
                if (status != 200) {
                    throw new CacheServiceException(what + ": the blob store answered HTTP " + status
                        + (status == 403 ? " (the signed URL may have expired)" : ""));
                }
                OptionalLong declared = r.headers().firstValueAsLong("Content-Length");
                if (declared.isPresent() && declared.getAsLong() > limits.maxBytes()) {
                    throw new CacheServiceException(what + ": the archive is " + declared.getAsLong() + " bytes, more than the "
                        + limits.maxBytes() + " allowed (--max-extract-mib)");
                }
                try (OutputStream out = Files.newOutputStream(target)) {
                    size = PacedCopy.copy(body, out, limits, remaining);
                } catch (PacedCopy.Stopped stopped) {
                    if (stopped.retryable) {
                        throw new Retryable(stopped.getMessage());
                    }
                    throw new CacheServiceException(what + ": " + stopped.getMessage());
                }
            }
            OptionalLong expected = r.headers().firstValueAsLong("Content-Length");
            if (expected.isPresent() && expected.getAsLong() != size) {
                throw new Retryable("got " + size + " bytes, Content-Length said " + expected.getAsLong());
            }
            return size;
        });
    }

    private CacheServiceException refusal(int status, String body, String what) {
        String error = twirpError(body);
        if (status == 403 && error.contains("cache read denied")) {
            throw new CacheAccessDenied("the cache service denied reads" + error + ": this job's cache mode"
                + " must allow restoring (cache-mode read or write; write-only and none cannot restore)");
        }
        if (status == 401) {
            throw new CacheAccessDenied("the cache service rejected " + CacheCredentials.TOKEN_VARIABLE
                + " (HTTP 401" + error + "): expose this job's own runtime token with a JS step before this one");
        }
        return new CacheServiceException(what + ": the cache service answered HTTP " + status + error);
    }

    /** " (code: msg)" from a Twirp error body, or "" when the body is not one. */
    private static String twirpError(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node != null && node.hasNonNull("code")) {
                String msg = node.path("msg").asText("");
                if (msg.length() > 300) {
                    msg = msg.substring(0, 300) + "...";
                }
                return " (" + node.get("code").asText() + (msg.isEmpty() ? "" : ": " + msg) + ")";
            }
        } catch (JsonProcessingException e) {
            // not a Twirp error body; the status alone has to do
        }
        return "";
    }

    private static JsonNode parse(String body, String what) throws CacheServiceException {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new CacheServiceException(what + ": the cache service answered something other than a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CacheServiceException(what + ": the cache service answered invalid JSON");
        }
    }

    /** Runs {@code attempt} up to {@link #ATTEMPTS} times; {@code secret} is blanked out of any error text. */
    private <T> T withRetries(String what, String secret, Attempt<T> attempt)
        throws CacheServiceException, InterruptedException {
        RetryLoop.Outcome<T> outcome = retries.run(n -> {
            try {
                return new RetryLoop.Done<>(attempt.run());
            } catch (Retryable e) {
                return new RetryLoop.Again<>(masked(e.getMessage(), secret), null, null, e);
            } catch (IOException e) {
                return new RetryLoop.Again<>(masked("transport error: " + Failures.describe(e), secret), null, null, e);
            }
        }, (n, again, delay) ->
            Log.info("cache_retry", "what", what, "attempt", n, "problem", again.reason(), "delay_ms", delay.toMillis()));
        return switch (outcome.end()) {
            case DONE -> outcome.value();
            case EXHAUSTED -> throw new CacheServiceException(what + " failed after " + outcome.attempts() + " attempts: "
                + outcome.last().reason());
            case INTERRUPTED -> {
                Thread.interrupted(); // thrown as InterruptedException, which clears the flag
                throw new InterruptedException("interrupted while waiting to retry " + what);
            }
        };
    }

    private static String masked(String problem, String secret) {
        return secret == null || secret.isEmpty() ? problem : problem.replace(secret, "***");
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws IOException, CacheServiceException, InterruptedException;
    }

    /** A failure worth another attempt: 5xx, or a short body. */
    private static final class Retryable extends IOException {
        Retryable(String message) {
            super(message);
        }
    }
}
