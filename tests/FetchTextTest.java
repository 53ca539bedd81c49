//SOURCES ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/fetch/CappedBody.java ../shared/deadzone/fetch/DocumentText.java
//SOURCES ../shared/deadzone/fetch/FetchResult.java ../shared/deadzone/fetch/FetchSettings.java
//SOURCES ../shared/deadzone/fetch/Fetcher.java ../shared/deadzone/fetch/GitHubAuth.java
//SOURCES ../shared/deadzone/fetch/Validators.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/util/Backoff.java ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/RetryAfter.java
//SOURCES ../shared/deadzone/util/RetryLoop.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/Project.java

import deadzone.artifact.Kind;
import deadzone.fetch.DocumentText;
import deadzone.fetch.FetchResult;
import deadzone.fetch.FetchResult.Outcome;
import deadzone.fetch.FetchSettings;
import deadzone.fetch.Fetcher;
import deadzone.util.Sleeper;
import fakes.DocServer;
import fakes.DocServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import support.Project;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Turning fetched bytes into text: tests/data/fetch served over HTTP, decoded per registry kind. */
class FetchTextTest {
    private static DocServer server;
    private static Fetcher fetcher;

    @BeforeAll
    static void start() {
        server = DocServer.serve(Project.root().resolve("tests/data/fetch"));
        fetcher = new Fetcher(FetchSettings.defaults().withMaxAttempts(1), delay -> { });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static FetchResult get(String path) {
        FetchResult r = fetcher.fetch(server.url(path));
        assertEquals(Outcome.OK, r.outcome(), r.toString());
        return r;
    }

    private static FetchResult ok(String url, String contentType, byte[] body) {
        return new FetchResult(url, Outcome.OK, 200, body, contentType, null, null, null, 1);
    }

    @Test
    void invalidUtf8IsReportedWithItsOffset() {
        DocumentText t = DocumentText.decode(get("/invalid-utf8.md"), Kind.GITHUB_MD);
        assertFalse(t.isText());
        assertNull(t.text());
        assertEquals("invalid UTF-8 at byte 37", t.reason());
    }

    @Test
    void truncatedMultiByteSequenceAtTheEndIsInvalid() {
        byte[] body = {'a', 'b', (byte) 0xC3};
        DocumentText t = DocumentText.decode(ok("http://h/x.rst", "text/plain", body), Kind.GITHUB_RST);
        assertEquals("invalid UTF-8 at byte 2", t.reason());
    }

    @Test
    void byteOrderMarkIsDropped() {
        DocumentText t = DocumentText.decode(get("/bom.md"), Kind.GITHUB_MD);
        assertTrue(t.isText(), t.reason());
        assertTrue(t.text().startsWith("# Heading\n"), t.text());
    }

    @Test
    void htmlPageForAMarkdownUrlIsRefusedBySniffingTheBody() {
        FetchResult r = get("/blob-page.md");
        assertEquals("text/markdown", r.contentType(), "the server claims markdown; the body says otherwise");
        assertEquals("got an HTML page where markdown was expected (is the url a raw file url?)",
            DocumentText.decode(r, Kind.GITHUB_MD).reason());
        assertEquals("got an HTML page where reStructuredText was expected (is the url a raw file url?)",
            DocumentText.decode(r, Kind.GITHUB_RST).reason());
    }

    @Test
    void htmlContentTypeForAMarkdownUrlIsRefused() {
        server.enqueue("/bom.md", Response.body("# Looks like markdown\n").withHeader("Content-Type", "text/html; charset=utf-8"));
        DocumentText t = DocumentText.decode(get("/bom.md"), Kind.GITHUB_MD);
        assertEquals("got an HTML page where markdown was expected (is the url a raw file url?)", t.reason());
    }

    @Test
    void htmlIsFineForHtmlKinds() {
        DocumentText t = DocumentText.decode(get("/blob-page.md"), Kind.HTML);
        assertTrue(t.text().contains("<h1>Not raw</h1>"));
        assertTrue(DocumentText.decode(get("/blob-page.md"), Kind.SCRAPE_VIA_AGENT).isText());
    }

    @Test
    void htmlHonoursTheMetaCharset() {
        FetchResult r = get("/latin1.html");
        assertEquals("text/html", r.contentType());
        DocumentText t = DocumentText.decode(r, Kind.HTML);
        assertTrue(t.isText(), t.reason());
        assertTrue(t.text().contains("<h1>Café crème</h1>"), t.text());
        assertEquals("invalid UTF-8 at byte 60", DocumentText.decode(ok("http://h/latin1.html", "text/html",
            new String(r.body(), StandardCharsets.ISO_8859_1).replace("iso-8859-1", "utf-8")
                .getBytes(StandardCharsets.ISO_8859_1)), Kind.HTML).reason(), "without the meta, it is UTF-8");
    }

    @Test
    void contentTypeCharsetWinsForHtml() {
        byte[] body = "<p>na\u00efve \u20ac</p>".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        DocumentText t = DocumentText.decode(ok("http://h/p.html", "text/html; charset=\"windows-1252\"", body), Kind.HTML);
        assertEquals("<p>naïve €</p>", t.text());
        DocumentText unknown = DocumentText.decode(ok("http://h/p.html", "text/html; charset=klingon-8", body), Kind.HTML);
        assertEquals("unsupported charset klingon-8 declared by the page", unknown.reason());
    }

    @Test
    void markdownIsAlwaysUtf8WhateverTheHeaderSays() {
        byte[] body = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        assertEquals("café", DocumentText.decode(ok("http://h/a.md", "text/plain; charset=iso-8859-1", body), Kind.GITHUB_MD).text());
    }

    @Test
    void binaryContentIsNotText() {
        byte[] body = {'P', 'N', 'G', 0, 1, 2};
        assertEquals("binary content (a NUL byte at byte 3) where markdown was expected",
            DocumentText.decode(ok("http://h/a.md", "application/octet-stream", body), Kind.GITHUB_MD).reason());
    }

    @Test
    void rawFilesForIncludes() {
        assertTrue(DocumentText.decodeRawFile(get("/example.py")).text().contains("app = FastAPI()"));
        assertEquals("got an HTML page where a raw file was expected (is the url a raw file url?)",
            DocumentText.decodeRawFile(ok("http://h/docs_src/app.py", "text/html", "<html></html>".getBytes())).reason());
        assertTrue(DocumentText.decodeRawFile(ok("http://h/snippet.html", "text/html", "<b>x</b>".getBytes())).isText(),
            "an include that is an HTML file is text");
    }

    @Test
    void onlyOkResultsCanBeDecoded() {
        FetchResult missing = fetcher.fetch(server.url("/absent.md"));
        assertEquals(Outcome.MISSING, missing.outcome());
        assertThrows(IllegalArgumentException.class, () -> DocumentText.decode(missing, Kind.GITHUB_MD));
    }
}
