//DEPS com.fasterxml.jackson.core:jackson-databind:2.20.1
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
import java.util.Optional;

/**
 * The GitHub REST API over java.net.http: the headers GitHub asks for, the token as a bearer
 * credential, JSON in and out, and retries of transient failures ({@link RetryPolicy}).
 */
public final class GitHubClient {
    public static final URI PUBLIC_API = URI.create("https://api.github.com");
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

    /** Streams {@code file} to an absolute upload URL (a release's upload host). */
    public JsonNode upload(URI uploadUrl, Path file, String contentType) {
        BodyPublisher body;
        try {
            body = BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw new RunFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
        return send(request(uploadUrl, UPLOAD_TIMEOUT).POST(body).header("Content-Type", contentType)).orThrow();
    }

    private HttpRequest.Builder request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", API_VERSION)
            .header("User-Agent", USER_AGENT)
            .header("Authorization", token.authorization());
    }

    private static BodyPublisher json(Object body) {
        return BodyPublishers.ofString(Json.write(body));
    }

    private Answer send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        String what = request.method() + " " + request.uri().getRawPath();
        RetryLoop.Outcome<Answer> outcome;
        try {
            outcome = retries.run(attempt -> attempt(request, attempt), (attempt, again, wait) ->
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
    private RetryLoop.Step<Answer> attempt(HttpRequest request, int attempt) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
            Answer answer = new Answer(request.method(), request.uri().getRawPath(), response.statusCode(), response.body());
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
