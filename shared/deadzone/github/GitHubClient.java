//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.github;

import deadzone.util.Failures;
import deadzone.util.Sleeper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import deadzone.error.RunFailure;
import deadzone.log.Log;
import deadzone.util.Json;
import deadzone.util.RetryLoop;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The GitHub REST API over java.net.http: the headers GitHub asks for, the token as a bearer
 * credential, JSON in and out, and retries of transient failures ({@link RetryPolicy}).
 */
public final class GitHubClient {
    public static final URI PUBLIC_API = URI.create("https://api.github.com");
    /** Where github.com's release assets are uploaded. */
    static final String UPLOADS_HOST = "uploads.github.com";
    static final String API_VERSION = "2022-11-28";
    static final String USER_AGENT = "deadzone-pack-DbRelease";
    private static final Duration API_TIMEOUT = Duration.ofMinutes(2);
    // An upload of a few hundred MB from a runner; the timeout only guards against a hung connection.
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(60);

    private final HttpClient http;
    private final String apiBase;
    private final GitHubToken token;
    private final RetryPolicy retry;
    private final RetryLoop retries;

    /** {@code token} may be null for anonymous reads (a public repository's releases, in a dry run). */
    public GitHubClient(URI apiBase, GitHubToken token, Sleeper sleeper, RetryPolicy retry) {
        // Redirects are not followed: java.net.http would resend the Authorization header to wherever they point.
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        this.apiBase = apiBase.toString().replaceAll("/+$", "");
        this.token = token;
        this.retry = retry;
        this.retries = retry.loop(sleeper);
    }

    /** An API path ({@code /repos/o/r/...}) on the configured API host. */
    public URI api(String path) {
        return URI.create(apiBase + path);
    }

    public Optional<JsonNode> getIfExists(String path) {
        Answer answer = send(request(api(path), API_TIMEOUT).GET());
        return answer.status == 404 ? Optional.empty() : Optional.of(answer.orThrow());
    }

    public JsonNode get(String path) {
        return send(request(api(path), API_TIMEOUT).GET()).orThrow();
    }

    public JsonNode post(String path, Object body) {
        return send(request(api(path), API_TIMEOUT).POST(json(body)).header("Content-Type", "application/json")).orThrow();
    }

    public JsonNode patch(String path, Object body) {
        return send(request(api(path), API_TIMEOUT).method("PATCH", json(body))
            .header("Content-Type", "application/json")).orThrow();
    }

    /** DELETE; true when deleted, false when it was already gone (404). */
    public boolean delete(String path) {
        Answer answer = send(request(api(path), API_TIMEOUT).DELETE());
        if (answer.status == 404) {
            return false;
        }
        answer.orThrow();
        return true;
    }

    /**
     * Streams {@code file} to an absolute upload URL (a release's upload host). The URL comes from
     * GitHub's answer, so the token goes with it only to {@link #tokenMayGoTo the API's own host or
     * GitHub's uploads host}.
     */
    public JsonNode upload(URI uploadUrl, Path file, String contentType) {
        if (!tokenMayGoTo(URI.create(apiBase), uploadUrl)) {
            throw new RunFailure("GitHub's release answer gives the upload url host " + uploadUrl.getScheme() + "://"
                + uploadUrl.getRawAuthority() + ", which is neither the API's (" + URI.create(apiBase).getRawAuthority()
                + ") nor https://" + UPLOADS_HOST + "; the token is not sent there (check GITHUB_API_URL)");
        }
        BodyPublisher body;
        try {
            body = BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw new RunFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
        return send(request(uploadUrl, UPLOAD_TIMEOUT).POST(body).header("Content-Type", contentType)).orThrow();
    }

    /**
     * A release asset's bytes through the API ({@code Accept: application/octet-stream}). GitHub
     * answers with a redirect to a signed storage URL, which is fetched without the token (its
     * signature is the credential). More than {@code maxBytes} is a {@link RunFailure}.
     */
    public byte[] downloadAsset(String path, long maxBytes) {
        HttpRequest asset = request(api(path), API_TIMEOUT).setHeader("Accept", "application/octet-stream").GET().build();
        Fetched answer = fetch(asset, maxBytes);
        if (answer.status() / 100 == 3 && answer.location().isPresent()) {
            URI storage = asset.uri().resolve(answer.location().get());
            answer = fetch(HttpRequest.newBuilder(storage).timeout(API_TIMEOUT).header("User-Agent", USER_AGENT).GET()
                .build(), maxBytes);
        }
        if (answer.status() != 200) {
            throw new GitHubApiException(answer.status(), "GET", path, "");
        }
        return answer.bytes();
    }

    /**
     * Whether a request to {@code target} may carry the token: the API's own scheme, host and port
     * (GitHub Enterprise Server serves uploads there), or GitHub's uploads host over https.
     */
    public static boolean tokenMayGoTo(URI apiBase, URI target) {
        if (target == null || target.getHost() == null || target.getScheme() == null || target.getRawUserInfo() != null) {
            return false;
        }
        String host = target.getHost().toLowerCase(Locale.ROOT);
        if (target.getScheme().equalsIgnoreCase("https") && host.equals(UPLOADS_HOST) && target.getPort() < 0) {
            return true;
        }
        return target.getScheme().equalsIgnoreCase(apiBase.getScheme()) && host.equalsIgnoreCase(apiBase.getHost())
            && port(target) == port(apiBase);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private HttpRequest.Builder request(URI uri, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", API_VERSION)
            .header("User-Agent", USER_AGENT);
        return token == null ? builder : builder.header("Authorization", token.authorization());
    }

    /** One download answer: its status, where a redirect points, and the body (empty for a redirect). */
    private record Fetched(int status, Optional<String> location, byte[] bytes) {
    }

    private static BodyPublisher json(Object body) {
        return BodyPublishers.ofString(Json.write(body));
    }

    private Answer send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        return send(request, BodyHandlers.ofString(),
            r -> new Answer(request.method(), request.uri().getRawPath(), r.statusCode(), r.body()));
    }

    private Fetched fetch(HttpRequest request, long maxBytes) {
        return send(request, BodyHandlers.ofInputStream(), r -> {
            byte[] bytes;
            try (InputStream in = r.body()) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
            if (bytes.length > maxBytes) {
                throw new RunFailure(request.method() + " " + request.uri().getRawPath() + " answered more than "
                    + maxBytes + " bytes; refusing to read it");
            }
            return new Fetched(r.statusCode(), r.headers().firstValue("Location"), bytes);
        });
    }

    /** What to keep of a response; reading its body may fail like the request itself. */
    @FunctionalInterface
    private interface Reader<B, T> {
        T read(HttpResponse<B> response) throws IOException;
    }

    /** Sends {@code request} with the retries of {@link RetryPolicy}; the last answer, or a {@link RunFailure}. */
    private <B, T> T send(HttpRequest request, HttpResponse.BodyHandler<B> handler, Reader<B, T> reader) {
        String what = request.method() + " " + request.uri().getRawPath();
        RetryLoop.Outcome<T> outcome;
        try {
            outcome = retries.run(attempt -> attempt(request, attempt, handler, reader), (attempt, again, wait) ->
                Log.warn("github_retry", what + " " + again.reason() + "; retrying in " + wait.toMillis() + " ms",
                    "attempt", attempt, "max_attempts", retries.maxAttempts(), "wait_ms", wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailure("interrupted during " + what, e);
        }
        return switch (outcome.end()) {
            case DONE -> outcome.value();
            case EXHAUSTED -> {
                if (outcome.value() != null) {
                    yield outcome.value(); // an error GitHub kept answering: reported as its answer
                }
                IOException last = (IOException) outcome.last().cause();
                throw new RunFailure("could not reach GitHub (" + request.uri().getHost() + "): " + what
                    + " failed " + outcome.attempts() + " times, last with " + describe(last), last);
            }
            case INTERRUPTED -> throw new RunFailure("interrupted while waiting to retry " + what, outcome.last().cause());
        };
    }

    /** One request: GitHub's answer, to keep or to retry as {@link RetryPolicy} says, or a connection failure to retry. */
    private <B, T> RetryLoop.Step<T> attempt(HttpRequest request, int attempt, HttpResponse.BodyHandler<B> handler,
                                             Reader<B, T> reader) throws InterruptedException {
        try {
            HttpResponse<B> response = http.send(request, handler);
            T answer = reader.read(response);
            Optional<Duration> delay = retry.delayFor(response, attempt, Instant.now());
            return delay.isEmpty() ? new RetryLoop.Done<>(answer)
                : new RetryLoop.Again<>("answered " + response.statusCode(), delay.get(), answer, null);
        } catch (IOException e) {
            return new RetryLoop.Again<>("failed with " + describe(e), null, null, e);
        }
    }

    private static String describe(IOException e) {
        return Failures.describe(e);
    }

    /** A final answer: success, or an error that is no longer worth retrying. */
    private record Answer(String method, String path, int status, String body) {
        JsonNode orThrow() {
            JsonNode json = parse(body);
            if (status / 100 != 2) {
                throw new GitHubApiException(status, method, path, apiMessage(json, body));
            }
            return json;
        }

        private static JsonNode parse(String body) {
            if (body == null || body.isBlank()) {
                return MissingNode.getInstance();
            }
            try {
                return Json.MAPPER.readTree(body);
            } catch (JsonProcessingException notJson) {
                return MissingNode.getInstance();
            }
        }

        /** GitHub's message and validation codes, on one short line (a proxy's HTML page is cut). */
        private static String apiMessage(JsonNode json, String body) {
            StringBuilder text = new StringBuilder(json.path("message").asText(""));
            for (JsonNode error : json.path("errors")) {
                String code = error.isTextual() ? error.asText() : error.path("code").asText("") + " "
                    + error.path("field").asText("");
                text.append(text.isEmpty() ? "" : "; ").append(code.strip());
            }
            if (text.isEmpty() && body != null && !json.isObject()) {
                text.append(body);
            }
            String line = text.toString().replaceAll("\\s+", " ").strip();
            return line.length() > 200 ? line.substring(0, 200) + "..." : line;
        }
    }
}
