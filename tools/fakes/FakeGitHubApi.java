//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the GitHub REST API's release endpoints, on 127.0.0.1: get a release by
 * tag or the latest one, create a release and edit its body, list, upload (at the
 * {@code upload_url} it hands out, under /uploads on the same server), delete and rename assets,
 * and download them (browser_download_url, or the API's asset URL with {@code Accept:
 * application/octet-stream}, which redirects to a signed URL on a storage host, here a second listener on another
 * port, that refuses an Authorization header, as S3 does). State is in memory. It checks the bearer token (anonymous
 * reads only for repositories made public), records every request, keeps the visible asset set
 * after every change (to check what a reader could have seen), and injects faults on demand,
 * including a client that stops for good after some writes (a killed process).
 */
public final class FakeGitHubApi implements AutoCloseable {
    /** One request as the server saw it; header names are lower-case. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, long bodySize) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public boolean isUpload() {
            return method.equals("POST") && path.startsWith("/uploads/");
        }
    }

    /** An asset held by the fake. */
    public record Asset(long id, String name, byte[] bytes, String contentType) {
    }

    /** A fault for the next request that matches: an HTTP status (with headers), or status 0 to drop the connection. */
    private record Fault(String method, Pattern path, int status, Map<String, String> headers) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("/repos/([^/]+)/([^/]+)/releases/tags/([^/]+)");
    private static final Pattern LATEST = Pattern.compile("/repos/([^/]+)/([^/]+)/releases/latest");
    private static final Pattern RELEASE = Pattern.compile("/repos/([^/]+)/([^/]+)/releases/(\\d+)");
    private static final Pattern STORAGE = Pattern.compile("/storage/(\\d+)/[^/]+");
    private static final Pattern RELEASES = Pattern.compile("/repos/([^/]+)/([^/]+)/releases");
    private static final Pattern ASSETS = Pattern.compile("/repos/([^/]+)/([^/]+)/releases/(\\d+)/assets");
    private static final Pattern ASSET = Pattern.compile("/repos/([^/]+)/([^/]+)/releases/assets/(\\d+)");
    private static final Pattern UPLOAD = Pattern.compile("/uploads/repos/([^/]+)/([^/]+)/releases/(\\d+)/assets");
    private static final Pattern DOWNLOAD = Pattern.compile("/download/([^/]+)/([^/]+)/([^/]+)/([^/]+)");

    private final HttpServer server;
    /** Where asset downloads through the API are redirected: another origin, as GitHub's storage host is. */
    private final HttpServer storage;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String token;
    private final List<String> repos;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> faults = new ArrayList<>();
    private final Map<Long, ReleaseState> releases = new LinkedHashMap<>();
    private long nextId = 1;
    private final List<String> publicRepos = new ArrayList<>();
    private boolean writesDenied;
    private int writesBeforeDeath = -1;
    private String uploadOrigin;
    private boolean truncateNextUpload;
    private int failAfterStoringNextUpload;
    private boolean truncateNextDownload;

    private static final class ReleaseState {
        final long id;
        final String repo;
        final String tag;
        final Map<Long, Asset> assets = new LinkedHashMap<>();
        String body = "";
        final List<Map<String, byte[]>> history = new ArrayList<>();

        ReleaseState(long id, String repo, String tag) {
            this.id = id;
            this.repo = repo;
            this.tag = tag;
        }

        void snapshot() {
            Map<String, byte[]> visible = new TreeMap<>();
            assets.values().forEach(a -> visible.put(a.name(), a.bytes()));
            history.add(visible);
        }
    }

    private FakeGitHubApi(String token, List<String> repos) throws IOException {
        this.token = token;
        this.repos = repos;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        storage.setExecutor(executor);
        storage.createContext("/", this::handle);
        storage.start();
    }

    /** Starts a fake that accepts {@code token} and knows the repositories {@code owner/name}. */
    public static FakeGitHubApi start(String token, String... repos) throws IOException {
        return new FakeGitHubApi(token, List.of(repos));
    }

    /** What GITHUB_API_URL should be. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The storage host's origin, where asset downloads through the API are redirected. */
    public String storageUrl() {
        return "http://127.0.0.1:" + storage.getAddress().getPort();
    }

    /** Whether a request went to the storage host rather than the API. */
    public boolean onStorage(Request request) {
        return String.valueOf(request.header("host")).endsWith(":" + storage.getAddress().getPort());
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The next asset download announces its full length, sends half of the bytes and closes the connection. */
    public synchronized void truncateNextDownload() {
        truncateNextDownload = true;
    }

    /** Releases name {@code origin} (scheme://host:port) as their upload host, as a hostile or broken API could. */
    public synchronized void handOutUploadOrigin(String origin) {
        uploadOrigin = origin;
    }

    /** Every write is refused with 403, as for a workflow token without {@code contents: write}. */
    public synchronized void denyWrites() {
        writesDenied = true;
    }

    /** Anyone may read {@code repo}'s releases without a token, as for a public repository on GitHub. */
    public synchronized void makePublic(String repo) {
        publicRepos.add(repo);
    }

    /**
     * After {@code writes} more writes are done, the client is gone: every later request has its
     * connection dropped, unanswered, as if the process making them had been killed then.
     * {@link #answerAgain} is a new process starting.
     */
    public synchronized void killClientAfterWrites(int writes) {
        writesBeforeDeath = writes;
    }

    public synchronized void answerAgain() {
        writesBeforeDeath = -1;
    }

    /** The next upload succeeds but keeps only the first half of the bytes, as a cut-off transfer might. */
    public synchronized void truncateNextUpload() {
        truncateNextUpload = true;
    }

    /**
     * The next upload keeps half of its bytes under its name, then answers {@code status}: a transfer that broke
     * after GitHub had created the asset, so a plain retry of the same name meets 422 already_exists.
     */
    public synchronized void failAfterStoringNextUpload(int status) {
        failAfterStoringNextUpload = status;
    }

    /** The next request matching method and path regex gets {@code status} with {@code headers}. */
    public synchronized void failNext(String method, String pathRegex, int status, Map<String, String> headers) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), status, headers));
    }

    /** The next request matching method and path regex has its connection closed without an answer. */
    public synchronized void dropNext(String method, String pathRegex) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), 0, Map.of()));
    }

    public synchronized long addRelease(String repo, String tag) {
        long id = nextId++;
        releases.put(id, new ReleaseState(id, repo, tag));
        return id;
    }

    public synchronized long addAsset(long releaseId, String name, byte[] bytes, String contentType) {
        ReleaseState release = releases.get(releaseId);
        long id = nextId++;
        release.assets.put(id, new Asset(id, name, bytes, contentType));
        release.snapshot();
        return id;
    }

    /** Replaces the asset named {@code name} of a release (or adds it), as a re-publish of the same tag does. */
    public synchronized void replaceAsset(long releaseId, String name, byte[] bytes, String contentType) {
        ReleaseState release = releases.get(releaseId);
        release.assets.values().removeIf(a -> a.name().equals(name));
        long id = nextId++;
        release.assets.put(id, new Asset(id, name, bytes, contentType));
        release.snapshot();
    }

    /** The id of the release of {@code tag} in {@code repo}, if any. */
    public synchronized Optional<Long> releaseId(String repo, String tag) {
        return findRelease(repo, tag).map(r -> r.id);
    }

    /** The release's notes as they are now. */
    public synchronized String body(long releaseId) {
        return releases.get(releaseId).body;
    }

    public synchronized void setBody(long releaseId, String body) {
        releases.get(releaseId).body = body;
    }

    public synchronized List<Asset> assets(long releaseId) {
        return List.copyOf(releases.get(releaseId).assets.values());
    }

    /** The visible assets (name to bytes) after every change to the release, oldest first. */
    public synchronized List<Map<String, byte[]>> history(long releaseId) {
        return List.copyOf(releases.get(releaseId).history);
    }

    @Override
    public void close() {
        server.stop(0);
        storage.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        URI uri = ex.getRequestURI();
        Map<String, List<String>> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        requests.add(new Request(ex.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body.length));
        Optional<Fault> fault = takeFault(ex.getRequestMethod(), uri.getRawPath());
        if (fault.isEmpty() && clientKilled(ex.getRequestMethod(), uri.getRawPath())) {
            throw new IOException("the client was killed: no answer");
        }
        if (fault.isPresent() && fault.get().status() == 0) {
            // Thrown out of the handler before any answer, HttpServer closes the connection: a reset for the client.
            throw new IOException("fault injected: connection dropped");
        }
        if (fault.isPresent()) {
            fault.get().headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            send(ex, fault.get().status(), Map.of("message", "injected fault"));
        } else {
            route(ex, uri, body);
        }
        ex.close();
    }

    /** Counts writes down to the kill; true once the client is dead (this request never gets an answer). */
    private synchronized boolean clientKilled(String method, String path) {
        if (writesBeforeDeath < 0) {
            return false;
        }
        if (writesBeforeDeath == 0) {
            return true;
        }
        if (!method.equals("GET") && !path.startsWith("/storage/") && !path.startsWith("/download/")) {
            writesBeforeDeath--;
        }
        return false;
    }

    private synchronized Optional<Fault> takeFault(String method, String path) {
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (f.method().equals(method) && f.path().matcher(path).matches()) {
                return Optional.of(faults.remove(i));
            }
        }
        return Optional.empty();
    }

    private void route(HttpExchange ex, URI uri, byte[] body) throws IOException {
        String method = ex.getRequestMethod();
        String path = uri.getRawPath();
        Matcher m;
        if (method.equals("GET") && (m = DOWNLOAD.matcher(path)).matches()) {
            download(ex, m.group(1) + "/" + m.group(2), decode(m.group(3)), decode(m.group(4)));
            return;
        }
        if (method.equals("GET") && (m = STORAGE.matcher(path)).matches()) {
            storage(ex, Long.parseLong(m.group(1)), query(uri));
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String repo = repoOf(path);
        boolean anonymousRead = auth == null && method.equals("GET") && repo != null && isPublic(repo);
        if (!anonymousRead && (auth == null || !(auth.equals("Bearer " + token) || auth.equals("token " + token)))) {
            send(ex, 401, Map.of("message", "Bad credentials", "documentation_url", "https://docs.github.com/rest"));
            return;
        }
        if (repo == null || !repos.contains(repo)) {
            send(ex, 404, Map.of("message", "Not Found", "documentation_url", "https://docs.github.com/rest"));
            return;
        }
        boolean write = !method.equals("GET");
        synchronized (this) {
            if (write && writesDenied) {
                send(ex, 403, Map.of("message", "Resource not accessible by integration"));
            } else if (method.equals("GET") && LATEST.matcher(path).matches()) {
                Optional<ReleaseState> latest = releases.values().stream().filter(r -> r.repo.equals(repo))
                    .reduce((first, second) -> second);
                if (latest.isPresent()) {
                    send(ex, 200, releaseJson(latest.get()));
                } else {
                    send(ex, 404, Map.of("message", "Not Found"));
                }
            } else if (method.equals("GET") && (m = ASSET.matcher(path)).matches()) {
                getAsset(ex, repo, Long.parseLong(m.group(3)));
            } else if (method.equals("GET") && (m = TAG.matcher(path)).matches()) {
                Optional<ReleaseState> release = findRelease(repo, decode(m.group(3)));
                if (release.isPresent()) {
                    send(ex, 200, releaseJson(release.get()));
                } else {
                    send(ex, 404, Map.of("message", "Not Found"));
                }
            } else if (method.equals("PATCH") && (m = RELEASE.matcher(path)).matches()) {
                editRelease(ex, release(repo, m.group(3)), body);
            } else if (method.equals("POST") && RELEASES.matcher(path).matches()) {
                createRelease(ex, repo, body);
            } else if (method.equals("GET") && (m = ASSETS.matcher(path)).matches()) {
                listAssets(ex, release(repo, m.group(3)), query(uri));
            } else if (method.equals("POST") && (m = UPLOAD.matcher(path)).matches()) {
                upload(ex, release(repo, m.group(3)), query(uri), body);
            } else if (method.equals("DELETE") && (m = ASSET.matcher(path)).matches()) {
                deleteAsset(ex, repo, Long.parseLong(m.group(3)));
            } else if (method.equals("PATCH") && (m = ASSET.matcher(path)).matches()) {
                renameAsset(ex, repo, Long.parseLong(m.group(3)), body);
            } else {
                send(ex, 404, Map.of("message", "Not Found"));
            }
        }
    }

    private void createRelease(HttpExchange ex, String repo, byte[] body) throws IOException {
        JsonNode json = JSON.readTree(body);
        String tag = json.path("tag_name").asText("");
        if (tag.isEmpty()) {
            send(ex, 422, validation("missing_field", "tag_name"));
        } else if (findRelease(repo, tag).isPresent()) {
            send(ex, 422, validation("already_exists", "tag_name"));
        } else {
            ReleaseState created = releases.get(addRelease(repo, tag));
            created.body = json.path("body").asText("");
            send(ex, 201, releaseJson(created));
        }
    }

    private void editRelease(HttpExchange ex, ReleaseState release, byte[] body) throws IOException {
        if (release == null) {
            send(ex, 404, Map.of("message", "Not Found"));
            return;
        }
        JsonNode json = JSON.readTree(body);
        if (json.has("body")) {
            release.body = json.path("body").asText("");
        }
        send(ex, 200, releaseJson(release));
    }

    /** The asset's JSON, or with Accept: application/octet-stream a 302 to its signed URL on the storage host, as GitHub does. */
    private void getAsset(HttpExchange ex, String repo, long id) throws IOException {
        for (ReleaseState release : releases.values()) {
            Asset asset = release.repo.equals(repo) ? release.assets.get(id) : null;
            if (asset == null) {
                continue;
            }
            if ("application/octet-stream".equals(ex.getRequestHeaders().getFirst("Accept"))) {
                ex.getResponseHeaders().add("Location", storageUrl() + "/storage/" + id + "/" + asset.name() + "?X-Amz-Signature=" + signature(id));
                send(ex, 302, null);
            } else {
                send(ex, 200, assetJson(release, asset));
            }
            return;
        }
        send(ex, 404, Map.of("message", "Not Found"));
    }

    /** The signed URL's bytes; like S3, a request carrying both a signature and an Authorization header is refused. */
    private void storage(HttpExchange ex, long id, Map<String, String> query) throws IOException {
        if (ex.getRequestHeaders().getFirst("Authorization") != null) {
            send(ex, 400, Map.of("message", "Only one auth mechanism allowed"));
            return;
        }
        Optional<Asset> asset;
        synchronized (this) {
            asset = releases.values().stream().map(r -> r.assets.get(id)).filter(a -> a != null).findFirst();
        }
        if (asset.isEmpty() || !signature(id).equals(query.get("X-Amz-Signature"))) {
            send(ex, 403, Map.of("message", "Access Denied"));
            return;
        }
        sendBytes(ex, asset.get().bytes(), "application/octet-stream");
    }

    private static String signature(long id) {
        return "fakesig" + Long.toHexString(id * 2654435761L);
    }

    private synchronized boolean isPublic(String repo) {
        return publicRepos.contains(repo);
    }

    private void listAssets(HttpExchange ex, ReleaseState release, Map<String, String> query) throws IOException {
        if (release == null) {
            send(ex, 404, Map.of("message", "Not Found"));
            return;
        }
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        List<Object> all = new ArrayList<>();
        release.assets.values().forEach(a -> all.add(assetJson(release, a)));
        int from = Math.min(all.size(), (page - 1) * perPage);
        send(ex, 200, all.subList(from, Math.min(all.size(), from + perPage)));
    }

    private void upload(HttpExchange ex, ReleaseState release, Map<String, String> query, byte[] body) throws IOException {
        String name = query.get("name");
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (release == null) {
            send(ex, 404, Map.of("message", "Not Found"));
        } else if (name == null || name.isEmpty() || contentType == null) {
            send(ex, 422, validation("missing_field", name == null ? "name" : "content_type"));
        } else if (release.assets.values().stream().anyMatch(a -> a.name().equals(name))) {
            send(ex, 422, validation("already_exists", "name"));
        } else {
            long id = nextId++;
            int failWith = failAfterStoringNextUpload;
            byte[] kept = truncateNextUpload || failWith != 0 ? Arrays.copyOf(body, body.length / 2) : body;
            truncateNextUpload = false;
            failAfterStoringNextUpload = 0;
            Asset asset = new Asset(id, name, kept, contentType);
            release.assets.put(id, asset);
            release.snapshot();
            if (failWith != 0) {
                send(ex, failWith, Map.of("message", "Server Error"));
            } else {
                send(ex, 201, assetJson(release, asset));
            }
        }
    }

    private void deleteAsset(HttpExchange ex, String repo, long id) throws IOException {
        for (ReleaseState release : releases.values()) {
            if (release.repo.equals(repo) && release.assets.remove(id) != null) {
                release.snapshot();
                send(ex, 204, null);
                return;
            }
        }
        send(ex, 404, Map.of("message", "Not Found"));
    }

    private void renameAsset(HttpExchange ex, String repo, long id, byte[] body) throws IOException {
        String name = JSON.readTree(body).path("name").asText("");
        for (ReleaseState release : releases.values()) {
            Asset asset = release.repo.equals(repo) ? release.assets.get(id) : null;
            if (asset == null) {
                continue;
            }
            if (release.assets.values().stream().anyMatch(a -> a.id() != id && a.name().equals(name))) {
                send(ex, 422, validation("already_exists", "name"));
                return;
            }
            Asset renamed = new Asset(id, name.isEmpty() ? asset.name() : name, asset.bytes(), asset.contentType());
            release.assets.put(id, renamed);
            release.snapshot();
            send(ex, 200, assetJson(release, renamed));
            return;
        }
        send(ex, 404, Map.of("message", "Not Found"));
    }

    private void download(HttpExchange ex, String repo, String tag, String name) throws IOException {
        Optional<Asset> asset;
        synchronized (this) {
            asset = findRelease(repo, tag).flatMap(r -> r.assets.values().stream().filter(a -> a.name().equals(name)).findFirst());
        }
        if (asset.isEmpty()) {
            send(ex, 404, Map.of("message", "Not Found"));
            return;
        }
        sendBytes(ex, asset.get().bytes(), asset.get().contentType());
    }

    /** An asset's bytes, or half of them and a dropped connection when {@link #truncateNextDownload} asked for it. */
    private void sendBytes(HttpExchange ex, byte[] bytes, String contentType) throws IOException {
        boolean truncate;
        synchronized (this) {
            truncate = truncateNextDownload;
            truncateNextDownload = false;
        }
        ex.getResponseHeaders().add("Content-Type", contentType);
        ex.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        if (truncate) {
            // Half the bytes, then the connection closes: the client sees the transfer end early.
            OutputStream out = ex.getResponseBody();
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            throw new IOException("fault injected: download cut after half of its bytes");
        }
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Optional<ReleaseState> findRelease(String repo, String tag) {
        return releases.values().stream().filter(r -> r.repo.equals(repo) && r.tag.equals(tag)).findFirst();
    }

    private ReleaseState release(String repo, String id) {
        ReleaseState release = releases.get(Long.parseLong(id));
        return release != null && release.repo.equals(repo) ? release : null;
    }

    private Map<String, Object> releaseJson(ReleaseState r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id);
        json.put("tag_name", r.tag);
        json.put("name", r.tag);
        json.put("body", r.body);
        json.put("html_url", url() + "/" + r.repo + "/releases/tag/" + r.tag);
        json.put("upload_url", (uploadOrigin != null ? uploadOrigin : url()) + "/uploads/repos/" + r.repo + "/releases/" + r.id
            + "/assets{?name,label}");
        json.put("assets", r.assets.values().stream().map(a -> assetJson(r, a)).toList());
        return json;
    }

    private Map<String, Object> assetJson(ReleaseState r, Asset a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.id());
        json.put("name", a.name());
        json.put("size", a.bytes().length);
        json.put("state", "uploaded");
        json.put("content_type", a.contentType());
        json.put("digest", "sha256:" + sha256(a.bytes()));
        json.put("url", url() + "/repos/" + r.repo + "/releases/assets/" + a.id());
        json.put("browser_download_url", url() + "/download/" + r.repo + "/" + r.tag + "/" + a.name());
        return json;
    }

    private static Map<String, Object> validation(String code, String field) {
        return Map.of("message", "Validation Failed", "errors", List.of(Map.of("code", code, "field", field)));
    }

    private static String repoOf(String path) {
        Matcher m = Pattern.compile("(?:/uploads)?/repos/([^/]+)/([^/]+)(?:/.*)?").matcher(path);
        return m.matches() ? decode(m.group(1)) + "/" + decode(m.group(2)) : null;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, Object json) throws IOException {
        if (json == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(json);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
