//SOURCES ../shared/deadzone/fetch/CappedBody.java ../shared/deadzone/fetch/FetchResult.java
//SOURCES ../shared/deadzone/fetch/FetchSettings.java ../shared/deadzone/fetch/Fetcher.java
//SOURCES ../shared/deadzone/fetch/GitHubAuth.java ../shared/deadzone/fetch/Validators.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/util/Backoff.java ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/RetryAfter.java
//SOURCES ../shared/deadzone/util/RetryLoop.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../tools/fakes/DocServer.java

import deadzone.fetch.FetchResult;
import deadzone.fetch.FetchResult.Outcome;
import deadzone.fetch.FetchSettings;
import deadzone.fetch.Fetcher;
import deadzone.fetch.Validators;
import deadzone.util.Sleeper;
import fakes.DocServer;
import fakes.DocServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetcher against a real local HTTP server that misbehaves on cue; waits are recorded, not slept. */
class FetcherTest {
    private static final String PAGE = "# Title\n\nSome documentation text.\n";

    @TempDir
    Path docs;

    private DocServer server;
    private final List<Duration> sleeps = new ArrayList<>();

    /** Short timeouts so the timeout tests stay fast; backoff starts at 1 s (recorded, never slept). */
    private FetchSettings settings() {
        return FetchSettings.defaults().withRequestTimeout(Duration.ofMillis(700)).withConnectTimeout(Duration.ofSeconds(2));
    }

    private Fetcher fetcher(FetchSettings settings) {
        return new Fetcher(settings, sleeps::add, () -> 1.0);
    }

    @BeforeEach
    void start() throws IOException {
        Files.writeString(docs.resolve("page.md"), PAGE);
        server = DocServer.serve(docs);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void serverErrorTwiceThenOkSucceedsOnTheThirdAttempt() {
        server.enqueue("/page.md", Response.status(500), Response.status(503));
        FetchResult r = fetcher(settings()).fetch(server.url("/page.md"));
        assertEquals(Outcome.OK, r.outcome(), r.toString());
        assertEquals(3, r.attempts());
        assertEquals(PAGE, new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(List.of(500, 503, 200), statuses("/page.md"));
        // Jitter pinned to 1.0: the full exponential delays, 1 s then 2 s.
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void backoffIsExponentialWithJitterAndCapped() {
        server.failAlways("/page.md", 502);
        FetchSettings s = settings().withMaxAttempts(6).withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        FetchResult r = new Fetcher(s, sleeps::add, () -> 0.0).fetch(server.url("/page.md"));
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals(6, r.attempts());
        assertEquals("HTTP 502 (gave up after 6 attempts)", r.reason());
        // Jitter 0.0 is the lower bound: half of 1, 2, 4, then the 5 s cap, twice.
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofMillis(2500), Duration.ofMillis(2500)), sleeps);
        assertEquals(6, server.requests("/page.md").size());
    }

    @Test
    void tooManyRequestsHonoursRetryAfterSeconds() {
        server.enqueue("/page.md", Response.status(429).withHeader("Retry-After", "7"));
        FetchResult r = fetcher(settings()).fetch(server.url("/page.md"));
        assertEquals(Outcome.OK, r.outcome(), r.toString());
        assertEquals(2, r.attempts());
        assertEquals(1, sleeps.size());
        assertTrue(sleeps.get(0).compareTo(Duration.ofSeconds(7)) >= 0, sleeps.toString());
    }

    @Test
    void retryAfterAsHttpDateAndTheCap() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        server.enqueue("/page.md", Response.status(503).withHeader("Retry-After", inAMinute),
            Response.status(429).withHeader("Retry-After", "86400"));
        FetchSettings s = settings().withMaxRetryAfter(Duration.ofSeconds(90));
        FetchResult r = fetcher(s).fetch(server.url("/page.md"));
        assertEquals(Outcome.OK, r.outcome(), r.toString());
        assertEquals(3, r.attempts());
        // The date is whole seconds and a little time passes: between 55 and 60 s.
        assertTrue(sleeps.get(0).compareTo(Duration.ofSeconds(55)) >= 0 && sleeps.get(0).compareTo(Duration.ofSeconds(60)) <= 0,
            sleeps.toString());
        assertEquals(Duration.ofSeconds(90), sleeps.get(1), "a day-long Retry-After is cut to the cap");
    }

    @Test
    void timeoutIsRetriedThenFails() {
        server.always("/page.md", Response.delayed(Duration.ofSeconds(20)));
        FetchResult r = fetcher(settings().withMaxAttempts(2)).fetch(server.url("/page.md"));
        assertEquals(Outcome.FAILED, r.outcome(), r.toString());
        assertEquals(2, r.attempts());
        assertTrue(r.reason().startsWith("timed out after 0.7 s"), r.reason());
        assertEquals(1, sleeps.size());
        assertEquals(2, server.requests("/page.md").size());
    }

    @Test
    void timeoutThenOk() {
        server.enqueue("/page.md", Response.delayed(Duration.ofSeconds(20)));
        FetchResult r = fetcher(settings()).fetch(server.url("/page.md"));
        assertEquals(Outcome.OK, r.outcome(), r.toString());
        assertEquals(2, r.attempts());
    }

    @Test
    void connectionResetIsRetried() {
        // The JDK client itself re-sends a GET once when a connection closes before any response
        // byte, so three drops need at least two of the fetcher's attempts.
        server.enqueue("/page.md", Response.reset(), Response.reset(), Response.reset());
        FetchResult r = fetcher(settings()).fetch(server.url("/page.md"));
        assertEquals(Outcome.OK, r.outcome(), r.toString());
        assertTrue(r.attempts() >= 2, r.toString());
        assertEquals(r.attempts() - 1, sleeps.size());
        assertEquals(List.of(DocServer.NO_RESPONSE, DocServer.NO_RESPONSE, DocServer.NO_RESPONSE, 200),
            statuses("/page.md"));
    }

    @Test
    void connectionDroppedEveryTimeFailsWithAReason() {
        server.always("/page.md", Response.reset());
        FetchResult r = fetcher(settings().withMaxAttempts(3)).fetch(server.url("/page.md"));
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals(3, r.attempts());
        assertTrue(r.reason().startsWith("connection failed: ") && r.reason().endsWith("(gave up after 3 attempts)"),
            r.reason());
        assertTrue(server.requests("/page.md").size() >= 3);
    }

    @Test
    void connectionRefusedFailsAfterAllAttempts() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        FetchResult r = fetcher(settings().withMaxAttempts(3)).fetch("http://127.0.0.1:" + port + "/page.md");
        assertEquals(Outcome.FAILED, r.outcome(), r.toString());
        assertEquals(3, r.attempts());
        assertTrue(r.reason().startsWith("could not connect"), r.reason());
        assertEquals(2, sleeps.size());
    }

    @Test
    void notFoundAndGoneAreMissingAfterOneRequest() {
        FetchResult notFound = fetcher(settings()).fetch(server.url("/nope.md"));
        assertEquals(Outcome.MISSING, notFound.outcome());
        assertEquals(404, notFound.status());
        assertEquals(1, notFound.attempts());
        assertEquals(1, server.requests("/nope.md").size());

        server.enqueue("/page.md", Response.status(410));
        FetchResult gone = fetcher(settings()).fetch(server.url("/page.md"));
        assertEquals(Outcome.MISSING, gone.outcome());
        assertEquals(410, gone.status());
        assertEquals(1, server.requests("/page.md").size());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void forbiddenFailsWithoutRetry() {
        server.enqueue("/page.md", Response.status(403));
        FetchResult r = fetcher(settings()).fetch(server.url("/page.md"));
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals(403, r.status());
        assertEquals("HTTP 403", r.reason());
        assertEquals(1, r.attempts());
        assertEquals(1, server.requests("/page.md").size());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void exhaustedGitHubRateLimitSaysSo() {
        server.enqueue("/page.md", Response.status(403).withHeader("X-RateLimit-Remaining", "0"));
        FetchResult r = fetcher(settings()).fetch(server.url("/page.md"));
        assertEquals("HTTP 403 (GitHub rate limit exhausted; set GITHUB_TOKEN)", r.reason());
    }

    @Test
    void bodyOverTheCapFailsWithoutRetry() throws IOException {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 'a');
        Files.write(docs.resolve("big.md"), big);
        FetchResult r = fetcher(settings().withMaxBodyBytes(1000)).fetch(server.url("/big.md"));
        assertEquals(Outcome.FAILED, r.outcome(), r.toString());
        assertEquals("body over 1000 bytes", r.reason());
        assertEquals(0, r.body().length);
        assertEquals(1, server.requests("/big.md").size());

        FetchResult exact = fetcher(settings().withMaxBodyBytes(5000)).fetch(server.url("/big.md"));
        assertEquals(Outcome.OK, exact.outcome(), "a body of exactly the cap is fine");
    }

    @Test
    void capAppliesToTheDecodedBodyOfAGzipResponse() {
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) 'a');
        byte[] compressed = DocServer.gzip(big);
        assertTrue(compressed.length < 10_000);
        server.enqueue("/page.md", Response.body(compressed).withHeader("Content-Encoding", "gzip"));
        FetchResult r = fetcher(settings().withMaxBodyBytes(100_000)).fetch(server.url("/page.md"));
        assertEquals(Outcome.FAILED, r.outcome(), r.toString());
        assertEquals("body over 100000 bytes", r.reason());
    }

    @Test
    void gzipIsRequestedAndDecoded() throws IOException {
        server.close();
        server = DocServer.builder().mount("/", docs).gzip(true).start();
        String text = "gzip me ".repeat(2000);
        Files.writeString(docs.resolve("long.md"), text);
        FetchResult r = fetcher(settings()).fetch(server.url("/long.md"));
        assertEquals(Outcome.OK, r.outcome(), r.toString());
        assertEquals(text, new String(r.body(), StandardCharsets.UTF_8));
        DocServer.Request seen = server.requests("/long.md").get(0);
        assertTrue(seen.header("Accept-Encoding").contains("gzip"));
        assertEquals("gzip", seen.responseHeader("Content-Encoding"));
    }

    @Test
    void corruptGzipIsAFailureWithAReason() {
        server.enqueue("/page.md", Response.body("not gzip at all").withHeader("Content-Encoding", "gzip"));
        FetchResult r = fetcher(settings()).fetch(server.url("/page.md"));
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.reason().startsWith("invalid gzip body"), r.reason());
    }

    @Test
    void etagRoundTripCostsOne304() {
        Fetcher f = fetcher(settings());
        FetchResult first = f.fetch(server.url("/page.md"));
        assertEquals(Outcome.OK, first.outcome());
        assertNotNull(first.etag());
        assertNotNull(first.lastModified());
        assertEquals("text/markdown", first.contentType());

        FetchResult second = f.fetch(server.url("/page.md"), new Validators(first.etag(), first.lastModified()));
        assertEquals(Outcome.NOT_MODIFIED, second.outcome(), second.toString());
        assertEquals(first.etag(), second.etag());
        assertEquals(0, second.body().length);
        List<DocServer.Request> seen = server.requests("/page.md");
        assertEquals(List.of(200, 304), seen.stream().map(DocServer.Request::status).toList());
        assertEquals(first.etag(), seen.get(1).header("If-None-Match"));
    }

    @Test
    void changedContentIsFetchedAgainDespiteValidators() throws IOException {
        Fetcher f = fetcher(settings());
        FetchResult first = f.fetch(server.url("/page.md"));
        Files.writeString(docs.resolve("page.md"), PAGE + "More.\n");
        FetchResult second = f.fetch(server.url("/page.md"), new Validators(first.etag(), null));
        assertEquals(Outcome.OK, second.outcome());
        assertFalse(first.etag().equals(second.etag()));
    }

    @Test
    void lastModifiedAloneGivesNotModified() throws IOException {
        server.close();
        server = DocServer.builder().mount("/", docs).etags(false).start();
        Fetcher f = fetcher(settings());
        FetchResult first = f.fetch(server.url("/page.md"));
        assertNull(first.etag());
        FetchResult second = f.fetch(server.url("/page.md"), new Validators(null, first.lastModified()));
        assertEquals(Outcome.NOT_MODIFIED, second.outcome());
        assertEquals(first.lastModified(), second.lastModified());
        assertEquals(first.lastModified(), server.requests("/page.md").get(1).header("If-Modified-Since"));
    }

    @Test
    void tokenIsNotSentToOtherHostsOverTheWire() {
        String token = "ghp_secretTokenValue123";
        server.enqueue("/page.md", Response.status(500));
        FetchResult r = fetcher(settings().withGithubToken(token)).fetch(server.url("/page.md"));
        assertEquals(Outcome.OK, r.outcome());
        for (DocServer.Request seen : server.requests()) {
            assertNull(seen.header("Authorization"), "127.0.0.1 must never see the token");
            assertFalse(seen.headers().toString().contains(token));
        }
        FetchResult failed = fetcher(settings().withGithubToken(token).withMaxAttempts(1)).fetch(server.url("/none.md"));
        assertFalse(failed.toString().contains(token));
        assertFalse(settings().withGithubToken(token).toString().contains(token));
    }

    @Test
    void redirectsAreFollowedUpToTheLimit() {
        server.enqueue("/old.md", Response.redirect(301, "/older.md"));
        server.enqueue("/older.md", Response.redirect(302, server.url("/page.md")));
        FetchResult r = fetcher(settings()).fetch(server.url("/old.md"));
        assertEquals(Outcome.OK, r.outcome(), r.toString());
        assertEquals(1, r.attempts(), "redirect hops are not attempts");
        assertEquals(PAGE, new String(r.body(), StandardCharsets.UTF_8));

        server.always("/loop.md", Response.redirect(302, "/loop.md"));
        FetchResult loop = fetcher(settings().withMaxRedirects(3)).fetch(server.url("/loop.md"));
        assertEquals(Outcome.FAILED, loop.outcome());
        assertEquals("more than 3 redirects", loop.reason());
        assertEquals(4, server.requests("/loop.md").size(), "the first request and 3 redirects, no retry");
    }

    @Test
    void malformedUrlIsAnIllegalArgument() {
        Fetcher f = fetcher(settings());
        assertThrows(IllegalArgumentException.class, () -> f.fetch("not a url"));
        assertThrows(IllegalArgumentException.class, () -> f.fetch("ftp://example.org/x.md"));
        assertThrows(IllegalArgumentException.class, () -> f.fetch(""));
    }

    private List<Integer> statuses(String path) {
        return server.requests(path).stream().map(DocServer.Request::status).toList();
    }
}
