//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.serve;

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.github.GitHubRepo;
import deadzone.github.GitHubToken;
import deadzone.util.Hashes;
import deadzone.util.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a repository's release the way a server starting up can afford: the release and its
 * checksum asset within a few seconds, then, only when needed, the database streamed to a file
 * while it is hashed. Assets are fetched through the API (so private repositories work with a
 * token) and GitHub answers those with a redirect to signed storage: redirects are followed here,
 * and {@code GITHUB_TOKEN} goes only to the API's own origin, never to where a redirect points.
 */
final class ReleaseClient {
    static final String DB_ASSET = "deadzone.db";
    static final String CHECKSUM_ASSET = "deadzone.db.sha256";
    private static final String API_VERSION = "2022-11-28";
    private static final String USER_AGENT = "deadzone-pack-Serve";
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_JSON_BYTES = 8 << 20;
    private static final int MAX_CHECKSUM_BYTES = 4096;

    record Asset(String name, URI url, long size) {
    }

    record Release(String tag, Asset db, Asset checksum) {
    }

    private final HttpClient http;
    private final URI api;
    private final GitHubToken token;
    private final Duration probeTimeout;
    private final Duration downloadTimeout;

    /** {@code token} may be null (public repositories). */
    ReleaseClient(URI api, GitHubToken token, Duration probeTimeout, Duration downloadTimeout) {
        this.api = URI.create(api.toString().replaceAll("/+$", ""));
        this.token = token;
        this.probeTimeout = probeTimeout;
        this.downloadTimeout = downloadTimeout;
        // Redirects are followed by hand: java.net.http would carry the Authorization header along.
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(probeTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    /** The latest release ({@code tag} null) or the release of {@code tag}, with its two assets. */
    Release release(GitHubRepo repo, String tag) throws ReleaseUnavailable {
        String which = tag == null ? "latest" : "tags/" + segment(tag);
        URI uri = URI.create(api + "/repos/" + segment(repo.owner()) + "/" + segment(repo.name()) + "/releases/" + which);
        String what = (tag == null ? "the latest release" : "the release " + tag) + " of " + repo;
        JsonNode json;
        try {
            HttpResponse<InputStream> response = get(uri, "application/vnd.github+json", probeTimeout);
            json = Json.MAPPER.readTree(readCapped(response, what, MAX_JSON_BYTES));
        } catch (IOException e) {
            throw new ReleaseUnavailable("could not read " + what + ": " + describe(e, uri), e);
        }
        String releaseTag = json.path("tag_name").asText("");
        Asset db = null;
        Asset checksum = null;
        for (JsonNode a : json.path("assets")) {
            Asset asset = new Asset(a.path("name").asText(""), URI.create(a.path("url").asText("")), a.path("size").asLong(-1));
            if (asset.name().equals(DB_ASSET)) {
                db = asset;
            } else if (asset.name().equals(CHECKSUM_ASSET)) {
                checksum = asset;
            }
        }
        if (db == null || checksum == null) {
            throw new ReleaseUnavailable(what + " (" + releaseTag + ") has no " + (db == null ? DB_ASSET : CHECKSUM_ASSET)
                + " asset; publish one with DbRelease, or pick another release with --tag");
        }
        return new Release(releaseTag, db, checksum);
    }

    /** The sha256 that {@code deadzone.db.sha256} names (the sha256sum line format). */
    String expectedSha256(Release release) throws ReleaseUnavailable {
        String what = CHECKSUM_ASSET + " of release " + release.tag();
        String text;
        try {
            HttpResponse<InputStream> response = get(release.checksum().url(), "application/octet-stream", probeTimeout);
            text = new String(readCapped(response, what, MAX_CHECKSUM_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReleaseUnavailable("could not read " + what + ": " + describe(e, release.checksum().url()), e);
        }
        String hex = text.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new ReleaseUnavailable(what + " does not start with a sha256 (64 hex digits); republish it with DbRelease");
        }
        return hex;
    }

    /** Streams the database asset into {@code target} while hashing it; returns its sha256. */
    String download(Release release, Path target) throws ReleaseUnavailable {
        URI url = release.db().url();
        String what = DB_ASSET + " of release " + release.tag();
        MessageDigest digest = Hashes.sha256();
        long received = 0;
        try {
            HttpResponse<InputStream> response = get(url, "application/octet-stream", downloadTimeout);
            expectOk(response, what);
            long expected = response.headers().firstValueAsLong("content-length").orElse(release.db().size());
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    received += n;
                }
            }
            if (expected >= 0 && received != expected) {
                throw new IOException("the transfer ended after " + received + " of " + expected + " bytes");
            }
        } catch (IOException e) {
            throw new ReleaseUnavailable("could not download " + what + " (" + received + " bytes received): "
                + describe(e, url), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** GET, following redirects; the token only while the request stays on the API's origin. */
    private HttpResponse<InputStream> get(URI uri, String accept, Duration timeout) throws IOException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current)
                .timeout(timeout)
                .header("Accept", accept)
                .header("User-Agent", USER_AGENT)
                .header("X-GitHub-Api-Version", API_VERSION)
                .GET();
            if (token != null && sameOrigin(current, api)) {
                request.header("Authorization", "Bearer " + token.value());
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
            int status = response.statusCode();
            if (status / 100 != 3 || status == 304) {
                return response;
            }
            response.body().close();
            String location = response.headers().firstValue("location").orElse(null);
            if (location == null || hop >= MAX_REDIRECTS) {
                throw new IOException(location == null ? "a redirect (" + status + ") without a location"
                    : "more than " + MAX_REDIRECTS + " redirects");
            }
            current = current.resolve(location);
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
            && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
            && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static byte[] readCapped(HttpResponse<InputStream> response, String what, int cap) throws IOException {
        expectOk(response, what);
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(cap + 1);
            if (bytes.length > cap) {
                throw new IOException("the answer is larger than " + cap + " bytes");
            }
            return bytes;
        }
    }

    private static void expectOk(HttpResponse<InputStream> response, String what) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            return;
        }
        response.body().close();
        throw new IOException(switch (status) {
            case 404 -> "not found (404): check --repo and --tag, or whether the token can see the repository";
            case 401 -> "GITHUB_TOKEN was refused (401); set a valid token or unset it for a public repository";
            case 403, 429 -> "GitHub refused the request (" + status + "), likely its rate limit; set GITHUB_TOKEN";
            default -> "GitHub answered " + status;
        });
    }

    /** A reason without Java class names, and never with a URL's query (signed storage urls carry credentials). */
    private static String describe(IOException e, URI uri) {
        String host = Objects.requireNonNullElse(uri.getHost(), "?");
        if (e instanceof HttpTimeoutException) {
            return host + " did not answer in time";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + host;
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "the connection to " + host + " failed"
            : message.lines().findFirst().orElse("");
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
