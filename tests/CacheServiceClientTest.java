//SOURCES ../shared/deadzone/cache/CacheAccessDenied.java ../shared/deadzone/cache/CacheCredentials.java
//SOURCES ../shared/deadzone/cache/CacheServiceClient.java ../shared/deadzone/cache/CacheServiceException.java
//SOURCES ../shared/deadzone/cache/CacheVersion.java ../shared/deadzone/cache/DownloadLimits.java
//SOURCES ../shared/deadzone/cache/ExtractLimits.java ../shared/deadzone/cache/PacedCopy.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/util/Backoff.java ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/Sleeper.java
//SOURCES ../tools/fakes/FakeCacheService.java

import deadzone.cache.CacheAccessDenied;
import deadzone.cache.CacheCredentials;
import deadzone.cache.CacheServiceClient;
import deadzone.cache.CacheServiceException;
import deadzone.cache.CacheVersion;
import deadzone.cache.DownloadLimits;
import deadzone.error.UserException;
import deadzone.util.Json;
import deadzone.util.Sleeper;
import fakes.FakeCacheService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheServiceClientTest {
    static final String TOKEN = "test-runtime-token-5f2c9a";
    static final String FOO_VERSION = CacheVersion.of("artifacts/foo");

    FakeCacheService fake;
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    CacheServiceClient client;

    @TempDir
    Path temp;

    @BeforeEach
    void start() throws IOException {
        fake = FakeCacheService.start(TOKEN);
        client = new CacheServiceClient(credentials(fake.resultsUrl(), TOKEN), sleeps::add);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void versionsAreTheToolkitsForLinuxWithZstd() {
        // Values computed by @actions/cache's own getCacheVersion (docs/workflow.md, "The fan-in").
        assertEquals("899cff43ef4182b223fb152bf7aa3d5f387758ebd4db22df694729393a59c98b", CacheVersion.of("artifacts/foo"));
        assertEquals("8536e78dad502af9efb6191bdecc304b3a382a5d98ff355368d45d3318501217", CacheVersion.of("artifacts/bar"));
        assertEquals("0d55d33838d89cd87f6ac1932c0d616b58cc4968c8ba21b81bcea0061c708dd9", CacheVersion.of("./artifacts/foo"));
    }

    @Test
    void exactLookupSendsTheToolkitsRequest() throws Exception {
        fake.store("artifact-foo-1", FOO_VERSION, bytes("one"));

        Optional<CacheServiceClient.Hit> hit = client.lookup("artifact-foo-1", List.of(), FOO_VERSION);

        assertEquals("artifact-foo-1", hit.orElseThrow().matchedKey());
        FakeCacheService.Request request = fake.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals(FakeCacheService.TWIRP + "GetCacheEntryDownloadURL", request.uri());
        assertEquals(Optional.of("Bearer " + TOKEN), request.header("Authorization"));
        assertEquals(Optional.of("application/json"), request.header("Content-Type"));
        // Byte for byte what @actions/cache 5.0.5 sends: no restore_keys when there are none.
        assertEquals("{\"key\":\"artifact-foo-1\",\"version\":\"" + FOO_VERSION + "\"}", request.body());
    }

    @Test
    void restoreKeysFindTheNewestPrefixMatchOfTheSameVersionOnly() throws Exception {
        fake.store("artifact-foo-old", FOO_VERSION, bytes("old"));
        fake.store("artifact-foo-newer", FOO_VERSION, bytes("newer"));
        fake.store("artifact-foo-other-path", CacheVersion.of("artifacts/bar"), bytes("bar"));

        assertTrue(client.lookup("artifact-foo-new", List.of(), FOO_VERSION).isPresent(), "the fake prefix-matches the key too");
        Optional<CacheServiceClient.Hit> hit = client.lookup("artifact-foo-zzz", List.of("artifact-foo-"), FOO_VERSION);
        assertEquals("artifact-foo-newer", hit.orElseThrow().matchedKey());
        assertEquals("{\"key\":\"artifact-foo-zzz\",\"restore_keys\":[\"artifact-foo-\"],\"version\":\"" + FOO_VERSION + "\"}",
            fake.requests().get(1).body());
        assertEquals(Optional.empty(), client.lookup("artifact-baz-1", List.of("artifact-baz-"), FOO_VERSION));
    }

    @Test
    void resultsUrlPathIsReplacedLikeTheToolkitDoes() throws Exception {
        CacheServiceClient withPath = new CacheServiceClient(
            credentials(fake.resultsUrl() + "some/prefix/", TOKEN), sleeps::add);
        assertEquals(Optional.empty(), withPath.lookup("artifact-foo-1", List.of(), FOO_VERSION));
        assertEquals(FakeCacheService.TWIRP + "GetCacheEntryDownloadURL", fake.requests().get(0).uri());
    }

    @Test
    void downloadsWithoutTheTokenAndRetriesServerErrorsAndShortBodies() throws Exception {
        byte[] archive = new byte[300_000];
        new java.util.Random(7).nextBytes(archive);
        fake.store("artifact-foo-1", FOO_VERSION, archive);
        fake.failingDownloads.set(1);
        fake.truncatedDownloads.set(1);

        CacheServiceClient.Hit hit = client.lookup("artifact-foo-1", List.of(), FOO_VERSION).orElseThrow();
        Path target = temp.resolve("cache.tzst");
        long size = client.download(hit.signedDownloadUrl(), target);

        assertEquals(archive.length, size);
        assertArrayEquals(archive, Files.readAllBytes(target));
        assertEquals(2, sleeps.size(), "one wait after the 503, one after the short body: " + sleeps);
        List<FakeCacheService.Request> blobRequests = fake.requests().stream().filter(FakeCacheService.Request::isBlob).toList();
        assertEquals(3, blobRequests.size());
        for (FakeCacheService.Request r : blobRequests) {
            assertEquals("GET", r.method());
            assertEquals(Optional.empty(), r.header("Authorization"), "the token never goes to the blob store");
            assertFalse(r.headers().toString().contains(TOKEN), r.headers().toString());
        }
        assertFalse(hit.toString().contains("sig="), "a hit's text never shows the signed URL");
    }

    @Test
    void retriesLookupsOnServerErrorsWithGrowingWaits() throws Exception {
        fake.store("artifact-foo-1", FOO_VERSION, bytes("x"));
        fake.failingLookups.set(2);

        assertTrue(client.lookup("artifact-foo-1", List.of(), FOO_VERSION).isPresent());

        assertEquals(2, sleeps.size());
        assertTrue(sleeps.get(0).toMillis() >= 3000 && sleeps.get(1).toMillis() >= 4500, sleeps.toString());
    }

    @Test
    void givesUpAfterFiveAttempts() {
        fake.failingLookups.set(100);

        CacheServiceException e = assertThrows(CacheServiceException.class,
            () -> client.lookup("artifact-foo-1", List.of(), FOO_VERSION));

        assertTrue(e.getMessage().contains("after 5 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("503"), e.getMessage());
        assertEquals(4, sleeps.size());
        assertEquals(5, fake.requests().size());
    }

    @Test
    void transportErrorsAreRetriedToo() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        CacheServiceClient nowhere = new CacheServiceClient(credentials("http://127.0.0.1:" + port + "/", TOKEN), sleeps::add);
        CacheServiceException e = assertThrows(CacheServiceException.class,
            () -> nowhere.lookup("artifact-foo-1", List.of(), FOO_VERSION));
        assertTrue(e.getMessage().contains("transport error"), e.getMessage());
        assertEquals(4, sleeps.size());
    }

    @Test
    void readDeniedIsAClearErrorForTheWholeRun() {
        fake.denyReads = true;
        CacheAccessDenied e = assertThrows(CacheAccessDenied.class,
            () -> client.lookup("artifact-foo-1", List.of(), FOO_VERSION));
        assertTrue(e.getMessage().contains("cache read denied"), e.getMessage());
        assertTrue(e.getMessage().contains("cache-mode read or write"), e.getMessage());
        assertEquals(0, sleeps.size(), "a refusal is not retried");
    }

    @Test
    void aTokenTheServiceRejectsIsAClearErrorWithoutTheToken() {
        String wrong = "wrong-token-777";
        CacheServiceClient bad = new CacheServiceClient(credentials(fake.resultsUrl(), wrong), sleeps::add);
        CacheAccessDenied e = assertThrows(CacheAccessDenied.class,
            () -> bad.lookup("artifact-foo-1", List.of(), FOO_VERSION));
        assertTrue(e.getMessage().contains("ACTIONS_RUNTIME_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }

    @Test
    void missingCredentialsNameTheVariableAndTheFix() {
        UserException noToken = assertThrows(UserException.class,
            () -> CacheCredentials.fromEnv(Map.of("ACTIONS_RESULTS_URL", "https://results.example/")));
        assertTrue(noToken.getMessage().startsWith("ACTIONS_RUNTIME_TOKEN is not set"), noToken.getMessage());
        assertTrue(noToken.getMessage().contains("core.exportVariable"), noToken.getMessage());
        UserException noUrl = assertThrows(UserException.class,
            () -> CacheCredentials.fromEnv(Map.of("ACTIONS_RUNTIME_TOKEN", TOKEN)));
        assertTrue(noUrl.getMessage().startsWith("ACTIONS_RESULTS_URL is not set"), noUrl.getMessage());
        assertFalse(noUrl.getMessage().contains(TOKEN));
        assertFalse(credentials(fake.resultsUrl(), TOKEN).toString().contains(TOKEN));
    }

    @Test
    void theFakeServesHeadAndRangesLikeAzure() throws Exception {
        fake.store("artifact-foo-1", FOO_VERSION, bytes("0123456789"));
        URI url = client.lookup("artifact-foo-1", List.of(), FOO_VERSION).orElseThrow().signedDownloadUrl();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> range = http.send(HttpRequest.newBuilder(url).header("x-ms-range", "bytes=2-5").build(),
            HttpResponse.BodyHandlers.ofString());

        assertEquals(200, head.statusCode());
        assertEquals("10", head.headers().firstValue("Content-Length").orElse(""));
        assertEquals(206, range.statusCode());
        assertEquals("2345", range.body());
        assertEquals("bytes 2-5/10", range.headers().firstValue("Content-Range").orElse(""));
    }

    @Test
    void theFakeAssemblesBlockUploadsLikeAzure() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String create = "{\"key\":\"artifact-foo-big\",\"version\":\"" + FOO_VERSION + "\"}";
        HttpResponse<String> created = http.send(twirp("CreateCacheEntry", create), HttpResponse.BodyHandlers.ofString());
        String upload = Json.MAPPER.readTree(created.body()).get("signed_upload_url").asText();
        for (String[] block : new String[][] {{"QjA=", "first-"}, {"QjE=", "second"}}) {
            HttpResponse<Void> put = http.send(HttpRequest.newBuilder(URI.create(upload + "&comp=block&blockid=" + block[0]))
                .PUT(HttpRequest.BodyPublishers.ofString(block[1])).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(201, put.statusCode());
        }
        HttpResponse<Void> list = http.send(HttpRequest.newBuilder(URI.create(upload + "&comp=blocklist"))
            .header("Content-Type", "application/xml")
            .PUT(HttpRequest.BodyPublishers.ofString("<?xml version=\"1.0\"?><BlockList><Latest>QjA=</Latest>"
                + "<Latest>QjE=</Latest></BlockList>")).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(201, list.statusCode());
        String finalize = "{\"key\":\"artifact-foo-big\",\"size_bytes\":\"12\",\"version\":\"" + FOO_VERSION + "\"}";
        assertEquals(200, http.send(twirp("FinalizeCacheEntryUpload", finalize), HttpResponse.BodyHandlers.ofString())
            .statusCode());

        Path target = temp.resolve("big");
        client.download(client.lookup("artifact-foo-big", List.of(), FOO_VERSION).orElseThrow().signedDownloadUrl(), target);
        assertEquals("first-second", Files.readString(target));
        assertEquals(409, http.send(twirp("CreateCacheEntry", create), HttpResponse.BodyHandlers.ofString())
            .statusCode(), "entries are immutable");
    }

    /** A body slower than the minimum rate is dropped and asked again; the next attempt gets it whole. */
    @Test
    void aStalledBodyIsDroppedAtTheMinimumRateAndRetried() throws Exception {
        byte[] archive = new byte[200_000];
        new java.util.Random(8).nextBytes(archive);
        fake.store("artifact-foo-1", FOO_VERSION, archive);
        fake.stallingDownloads.set(1);
        CacheServiceClient paced = new CacheServiceClient(credentials(fake.resultsUrl(), TOKEN), sleeps::add,
            new DownloadLimits(Duration.ofMinutes(5), 10_000, Duration.ofMillis(500), 1 << 20));
        Path target = temp.resolve("cache.tzst");
        long size = paced.download(paced.lookup("artifact-foo-1", List.of(), FOO_VERSION).orElseThrow().signedDownloadUrl(), target);
        assertEquals(archive.length, size);
        assertArrayEquals(archive, Files.readAllBytes(target));
        assertEquals(1, sleeps.size(), "one wait after the stalled attempt: " + sleeps);

        fake.store("artifact-foo-big", FOO_VERSION, new byte[2 << 20]);
        CacheServiceException tooBig = assertThrows(CacheServiceException.class, () -> paced.download(
            paced.lookup("artifact-foo-big", List.of(), FOO_VERSION).orElseThrow().signedDownloadUrl(), temp.resolve("big")));
        assertTrue(tooBig.getMessage().contains("more than the 1048576 allowed"), tooBig.getMessage());
    }

    @Test
    void aDownloadUrlThatIsNotHttpIsAnErrorOfThatEntry() throws Exception {
        fake.store("artifact-foo-1", FOO_VERSION, new byte[10]);
        for (String url : List.of("ftp://blob.example/x", "file:///etc/passwd", "http:///x", "javascript:alert(1)")) {
            fake.downloadUrls.put("artifact-foo-1", url);
            CacheServiceException e = assertThrows(CacheServiceException.class,
                () -> client.lookup("artifact-foo-1", List.of(), FOO_VERSION), url);
            assertTrue(e.getMessage().contains("not http(s) with a host"), e.getMessage());
        }
    }

    private HttpRequest twirp(String method, String body) {
        return HttpRequest.newBuilder(URI.create(fake.resultsUrl() + FakeCacheService.TWIRP.substring(1) + method))
            .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static CacheCredentials credentials(String url, String token) {
        return CacheCredentials.fromEnv(Map.of("ACTIONS_RESULTS_URL", url, "ACTIONS_RUNTIME_TOKEN", token));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
