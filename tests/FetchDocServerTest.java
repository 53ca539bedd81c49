//SOURCES ../shared/deadzone/util/Hashes.java
//SOURCES ../tools/fakes/DocServer.java

import fakes.DocServer;
import fakes.DocServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test document server itself, checked with the plain JDK client (not the Fetcher under test). */
class FetchDocServerTest {
    @TempDir
    Path root;

    private DocServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(root.resolve("site/guide"));
        Files.createDirectories(root.resolve("raw/docs"));
        Files.writeString(root.resolve("secret.txt"), "outside every mount");
        Files.writeString(root.resolve("site/guide/index.html"), "<html><body>guide</body></html>");
        Files.writeString(root.resolve("raw/docs/a.md"), "# A\n");
        Files.writeString(root.resolve("raw/docs/b.rst"), "B\n=\n");
        Files.writeString(root.resolve("raw/docs/c.py"), "print('c')\n");
        Files.writeString(root.resolve("raw/docs/d.bin"), "d");
        server = DocServer.builder().mount("/raw/", root.resolve("raw")).mount("/site", root.resolve("site")).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void servesMountsWithContentTypesByExtension() throws Exception {
        assertTrue(server.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), server.baseUrl());
        assertEquals("# A\n", text(get("/raw/docs/a.md")));
        assertEquals("text/markdown", get("/raw/docs/a.md").headers().firstValue("Content-Type").orElseThrow());
        assertEquals("text/x-rst", get("/raw/docs/b.rst").headers().firstValue("Content-Type").orElseThrow());
        assertEquals("text/x-python", get("/raw/docs/c.py").headers().firstValue("Content-Type").orElseThrow());
        assertEquals("application/octet-stream", get("/raw/docs/d.bin").headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<byte[]> page = get("/site/guide/index.html");
        assertEquals("text/html", page.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("<html><body>guide</body></html>", text(page));
    }

    @Test
    void unknownPathsDirectoriesAndEscapesAreNotFound() throws Exception {
        assertEquals(404, get("/raw/docs/none.md").statusCode());
        assertEquals(404, get("/raw/docs").statusCode());
        assertEquals(404, get("/elsewhere/a.md").statusCode());
        assertEquals(404, get("/raw/%2e%2e/secret.txt").statusCode());
        assertEquals(404, get("/raw/docs/%2e%2e/%2e%2e/secret.txt").statusCode());
    }

    @Test
    void strongEtagAndLastModifiedAnswer304() throws Exception {
        HttpResponse<byte[]> first = get("/raw/docs/a.md");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertTrue(etag.matches("\"[0-9a-f]{64}\""), etag);
        assertEquals(304, get("/raw/docs/a.md", "If-None-Match", etag).statusCode());
        assertEquals(304, get("/raw/docs/a.md", "If-None-Match", "\"other\", W/" + etag).statusCode());
        assertEquals(304, get("/raw/docs/a.md", "If-None-Match", "*").statusCode());
        assertEquals(200, get("/raw/docs/a.md", "If-None-Match", "\"other\"").statusCode());
        assertEquals(304, get("/raw/docs/a.md", "If-Modified-Since", lastModified).statusCode());
        assertEquals(200, get("/raw/docs/a.md", "If-Modified-Since", "Mon, 01 Jan 1990 00:00:00 GMT").statusCode());
        // If-None-Match decides alone when present (RFC 9110 13.1.3).
        assertEquals(200, get("/raw/docs/a.md", "If-None-Match", "\"other\"", "If-Modified-Since", lastModified).statusCode());
        Files.writeString(root.resolve("raw/docs/a.md"), "# A changed\n");
        assertEquals(200, get("/raw/docs/a.md", "If-None-Match", etag).statusCode());
    }

    @Test
    void etagsAndLastModifiedCanBeTurnedOff() throws Exception {
        try (DocServer plain = DocServer.builder().mount("/", root.resolve("raw")).etags(false).lastModified(false).start()) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(plain.url("/docs/a.md")))
                .header("If-None-Match", "*").header("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT").build(),
                HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("ETag").isEmpty());
            assertTrue(r.headers().firstValue("Last-Modified").isEmpty());
        }
    }

    @Test
    void gzipOnlyWhenEnabledAndAsked() throws Exception {
        assertTrue(get("/raw/docs/a.md", "Accept-Encoding", "gzip").headers().firstValue("Content-Encoding").isEmpty());
        try (DocServer zipping = DocServer.builder().mount("/", root.resolve("raw")).gzip(true).start()) {
            HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(URI.create(zipping.url("/docs/a.md")))
                .header("Accept-Encoding", "br, gzip;q=0.8").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
                assertEquals("# A\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            HttpResponse<byte[]> refused = http.send(HttpRequest.newBuilder(URI.create(zipping.url("/docs/a.md")))
                .header("Accept-Encoding", "gzip;q=0").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
            assertEquals("# A\n", text(refused));
        }
    }

    @Test
    void scriptedResponsesAreUsedInOrderThenNormalServingResumes() throws Exception {
        server.enqueue(server.url("/raw/docs/a.md"), Response.status(500),
            Response.status(429).withHeader("Retry-After", "3"), Response.body("override"));
        assertEquals(500, get("/raw/docs/a.md").statusCode());
        HttpResponse<byte[]> limited = get("/raw/docs/a.md");
        assertEquals(429, limited.statusCode());
        assertEquals("3", limited.headers().firstValue("Retry-After").orElseThrow());
        HttpResponse<byte[]> overridden = get("/raw/docs/a.md");
        assertEquals(200, overridden.statusCode());
        assertEquals("override", text(overridden));
        assertEquals("text/markdown", overridden.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("# A\n", text(get("/raw/docs/a.md")));
        assertEquals(200, get("/raw/docs/b.rst").statusCode(), "scripts are per path");
    }

    @Test
    void droppedConnectionGivesNoResponse() {
        server.always("/raw/docs/a.md", Response.reset());
        assertThrows(IOException.class, () -> get("/raw/docs/a.md"));
        assertTrue(server.requests("/raw/docs/a.md").stream().allMatch(r -> r.status() == DocServer.NO_RESPONSE));
    }

    @Test
    void failAlwaysCoversAPrefixUntilCleared() throws Exception {
        server.failAlways("/raw/docs/", 503);
        assertEquals(503, get("/raw/docs/a.md").statusCode());
        assertEquals(503, get("/raw/docs/none.md").statusCode());
        assertEquals(200, get("/site/guide/index.html").statusCode());
        server.clearFaults();
        assertEquals(200, get("/raw/docs/a.md").statusCode());
    }

    @Test
    void requestLogKeepsMethodPathHeadersAndStatus() throws Exception {
        get("/raw/docs/a.md", "X-Probe", "one");
        http.send(HttpRequest.newBuilder(URI.create(server.url("/raw/docs/a.md")))
            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        http.send(HttpRequest.newBuilder(URI.create(server.url("/raw/docs/a.md")))
            .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());
        get("/raw/docs/none.md");
        List<DocServer.Request> log = server.requests();
        assertEquals(List.of("GET", "HEAD", "POST", "GET"), log.stream().map(DocServer.Request::method).toList());
        assertEquals(List.of(200, 200, 405, 404), log.stream().map(DocServer.Request::status).toList());
        assertEquals("one", log.get(0).header("x-probe"), "header names are case-insensitive");
        assertNull(log.get(0).header("Authorization"));
        assertEquals("text/markdown", log.get(0).responseHeader("content-type"));
        assertEquals(3, server.requests("/raw/docs/a.md").size());
        server.clearRequests();
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void contentTypeTable() {
        assertEquals("text/markdown", DocServer.contentTypeFor("/x/README.MD"));
        assertEquals("application/octet-stream", DocServer.contentTypeFor("/v1.2/LICENSE"));
        assertEquals("text/html", DocServer.contentTypeFor("a.htm"));
    }
}
