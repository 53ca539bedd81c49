//SOURCES ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/fetch/CappedBody.java ../shared/deadzone/fetch/DocumentText.java
//SOURCES ../shared/deadzone/fetch/FetchResult.java ../shared/deadzone/fetch/FetchSettings.java
//SOURCES ../shared/deadzone/fetch/Fetcher.java ../shared/deadzone/fetch/FetchingIncludeSource.java
//SOURCES ../shared/deadzone/fetch/GitHubAuth.java ../shared/deadzone/fetch/Validators.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/CachingIncludeSource.java ../shared/deadzone/parse/IncludeSource.java
//SOURCES ../shared/deadzone/util/Backoff.java ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/RetryAfter.java
//SOURCES ../shared/deadzone/util/RetryLoop.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/Project.java

import deadzone.fetch.FetchSettings;
import deadzone.fetch.Fetcher;
import deadzone.fetch.FetchingIncludeSource;
import deadzone.parse.IncludeSource;
import deadzone.util.Sleeper;
import fakes.DocServer;
import fakes.DocServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Project;

import java.io.IOException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Code includes fetched over HTTP: found, absent (keep walking up) or broken (reported). */
class FetchIncludeSourceTest {
    private DocServer server;
    private IncludeSource source;

    @BeforeEach
    void start() {
        server = DocServer.serve(Project.root().resolve("tests/data/fetch"));
        source = new FetchingIncludeSource(new Fetcher(FetchSettings.defaults().withMaxAttempts(2), delay -> { }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void existingFileIsItsText() throws IOException {
        Optional<String> text = source.fetch(server.url("/example.py"));
        assertTrue(text.orElseThrow().startsWith("from fastapi import FastAPI\n"));
    }

    @Test
    void notFoundAndGoneAreEmpty() throws IOException {
        assertEquals(Optional.empty(), source.fetch(server.url("/docs_src/absent.py")));
        server.enqueue("/example.py", Response.status(410));
        assertEquals(Optional.empty(), source.fetch(server.url("/example.py")));
    }

    @Test
    void otherFailuresAreIOExceptionsWithTheReason() {
        server.failAlways("/example.py", 403);
        IOException e = assertThrows(IOException.class, () -> source.fetch(server.url("/example.py")));
        assertEquals("HTTP 403", e.getMessage());

        server.clearFaults();
        server.always("/example.py", Response.status(503));
        e = assertThrows(IOException.class, () -> source.fetch(server.url("/example.py")));
        assertEquals("HTTP 503 (gave up after 2 attempts)", e.getMessage());
    }

    @Test
    void undecodableContentIsAnIOException() {
        IOException e = assertThrows(IOException.class, () -> source.fetch(server.url("/invalid-utf8.md")));
        assertEquals("invalid UTF-8 at byte 37", e.getMessage());
        e = assertThrows(IOException.class, () -> source.fetch(server.url("/blob-page.md")));
        assertTrue(e.getMessage().startsWith("got an HTML page"), e.getMessage());
        assertThrows(IOException.class, () -> source.fetch("no scheme/example.py"));
    }

    @Test
    void cachedSourceFetchesEachUrlOnce() throws IOException {
        IncludeSource cached = IncludeSource.cached(source);
        cached.fetch(server.url("/example.py"));
        cached.fetch(server.url("/example.py"));
        cached.fetch(server.url("/absent.py"));
        cached.fetch(server.url("/absent.py"));
        assertEquals(1, server.requests("/example.py").size());
        assertEquals(1, server.requests("/absent.py").size());
    }
}
