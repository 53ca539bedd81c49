//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the GitHub Actions cache service v2 on 127.0.0.1, speaking the protocol the
 * real {@code @actions/cache} toolkit speaks (docs/workflow.md, "The fan-in"): the three Twirp
 * methods with bearer-token checks, exact-then-prefix matching where the newest prefix match wins,
 * and an Azure-Blob-like store behind "plain" signed URLs (Put Blob, Put Block, Put Block List,
 * HEAD, GET with Range/x-ms-range). Every request is recorded with its headers.
 */
public final class FakeCacheService implements AutoCloseable {
    public static final String TWIRP = "/twirp/github.actions.results.api.v1.CacheService/";
    private static final String BLOB_PREFIX = "/fakeacct/actions-cache/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recorded request; the body is the text of JSON/XML bodies, else "sha256:<hex> (<n> bytes)". */
    public record Request(String method, String uri, Map<String, List<String>> headers, String body) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public boolean isTwirp(String method) {
            return uri.startsWith(TWIRP + method);
        }

        public boolean isBlob() {
            return uri.startsWith(BLOB_PREFIX);
        }

        /** A read of an archive: what a restore does after the lookup, and a keep-alive never does. */
        public boolean isDownload() {
            return isBlob() && (method.equals("GET") || method.equals("HEAD"));
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /** A cache entry; ids grow with creation, so the highest id is the newest. */
    public static final class Entry {
        public final long id;
        public final String key;
        public final String version;
        volatile boolean finalized;

        Entry(long id, String key, String version) {
            this.id = id;
            this.key = key;
            this.version = version;
        }
    }

    private final String token;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Request> requests = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Long, byte[]> blobs = new HashMap<>();
    private final Map<Long, Map<String, byte[]>> blocks = new HashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1000);

    /** Lookups to answer with 503 before behaving (tests retries). */
    public final AtomicInteger failingLookups = new AtomicInteger();
    /** Full blob GETs to answer with 503 before behaving. */
    public final AtomicInteger failingDownloads = new AtomicInteger();
    /** Full blob GETs to cut short (headers promise more bytes than are sent). */
    public final AtomicInteger truncatedDownloads = new AtomicInteger();
    /** When set, lookups are refused as the service does under cache-mode write-only or none. */
    public volatile boolean denyReads;
    /** The Twirp message of a refused read (a real service's text, or one carrying a line break). */
    public volatile String denyMessage = "cache read denied: cache mode is write-only";
    /** Full blob GETs that send the headers and one byte, then nothing more until the fake is closed. */
    public final AtomicInteger stallingDownloads = new AtomicInteger();
    /** Keys whose lookup answers this download URL instead of the blob's, as a broken or hostile service might. */
    public final Map<String, String> downloadUrls = new ConcurrentHashMap<>();

    private FakeCacheService(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeCacheService start(String token) throws IOException {
        return new FakeCacheService(token);
    }

    /** What ACTIONS_RESULTS_URL holds on a runner: the origin with a trailing slash. */
    public String resultsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Stores a finalized entry directly, as if a job had saved it (for archives the toolkit would never make). */
    public synchronized void store(String key, String version, byte[] archive) {
        Entry entry = new Entry(nextId.getAndIncrement(), key, version);
        entry.finalized = true;
        entries.add(entry);
        blobs.put(entry.id, archive.clone());
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            record(exchange, body);
            if (path.startsWith(TWIRP)) {
                twirp(exchange, path.substring(TWIRP.length()), body);
            } else if (path.startsWith(BLOB_PREFIX)) {
                blob(exchange, path.substring(BLOB_PREFIX.length()), query == null ? "" : query, body);
            } else {
                send(exchange, 404, "text/plain", "no such endpoint".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    // ---- Twirp

    private void twirp(HttpExchange exchange, String method, byte[] body) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            twirpError(exchange, 405, "bad_route", "Twirp methods are POST");
            return;
        }
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            twirpError(exchange, 401, "unauthenticated", "invalid or missing runtime token");
            return;
        }
        JsonNode request = JSON.readTree(body);
        String key = request.path("key").asText("");
        String version = request.path("version").asText("");
        ObjectNode reply = JSON.createObjectNode();
        switch (method) {
            case "CreateCacheEntry" -> {
                synchronized (this) {
                    if (entries.stream().anyMatch(e -> e.key.equals(key) && e.version.equals(version))) {
                        twirpError(exchange, 409, "already_exists",
                            "cache entry with the same key, version, and scope already exists");
                        return;
                    }
                    Entry entry = new Entry(nextId.getAndIncrement(), key, version);
                    entries.add(entry);
                    reply.put("ok", true).put("signed_upload_url", blobUrl(entry.id, "cw"));
                }
            }
            case "FinalizeCacheEntryUpload" -> {
                synchronized (this) {
                    Optional<Entry> entry = entries.stream()
                        .filter(e -> e.key.equals(key) && e.version.equals(version) && !e.finalized).findFirst();
                    if (entry.isEmpty() || !blobs.containsKey(entry.get().id)) {
                        twirpError(exchange, 404, "not_found", "no upload in progress for this key and version");
                        return;
                    }
                    entry.get().finalized = true;
                    reply.put("ok", true).put("entry_id", String.valueOf(entry.get().id));
                }
            }
            case "GetCacheEntryDownloadURL" -> {
                if (denyReads) {
                    twirpError(exchange, 403, "permission_denied", denyMessage);
                    return;
                }
                if (failingLookups.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    twirpError(exchange, 503, "unavailable", "try again");
                    return;
                }
                List<String> keys = new ArrayList<>(List.of(key));
                request.path("restore_keys").forEach(k -> keys.add(k.asText()));
                Optional<Entry> match = match(keys, version);
                reply.put("ok", match.isPresent())
                    .put("signed_download_url", match.map(e -> downloadUrls.getOrDefault(e.key, blobUrl(e.id, "r"))).orElse(""))
                    .put("matched_key", match.map(e -> e.key).orElse(""));
            }
            default -> {
                twirpError(exchange, 404, "bad_route", "no such method " + method);
                return;
            }
        }
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(reply));
    }

    /** Each key exactly, then as a prefix (newest first), in order; only this version, only finalized. */
    private synchronized Optional<Entry> match(List<String> keys, String version) {
        List<Entry> candidates = entries.stream().filter(e -> e.finalized && e.version.equals(version))
            .sorted(Comparator.comparingLong((Entry e) -> e.id).reversed()).toList();
        for (String k : keys) {
            Optional<Entry> exact = candidates.stream().filter(e -> e.key.equals(k)).findFirst();
            if (exact.isPresent()) {
                return exact;
            }
            Optional<Entry> prefix = candidates.stream().filter(e -> e.key.startsWith(k)).findFirst();
            if (prefix.isPresent()) {
                return prefix;
            }
        }
        return Optional.empty();
    }

    private String blobUrl(long id, String permissions) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BLOB_PREFIX + id
            + "?sv=2024-11-04&se=2099-01-01T00%3A00%3A00Z&sr=b&sp=" + permissions + "&sig=" + signature(id);
    }

    private static String signature(long id) {
        return "fakesig" + Long.toHexString(id * 2654435761L);
    }

    private static void twirpError(HttpExchange exchange, int status, String code, String msg) throws IOException {
        ObjectNode error = JSON.createObjectNode().put("code", code).put("msg", msg);
        send(exchange, status, "application/json", JSON.writeValueAsBytes(error));
    }

    // ---- Blob store

    private void blob(HttpExchange exchange, String name, String query, byte[] body) throws IOException {
        long id;
        try {
            id = Long.parseLong(name);
        } catch (NumberFormatException e) {
            send(exchange, 404, "application/xml", azureError("BlobNotFound"));
            return;
        }
        Map<String, String> params = params(query);
        if (!signature(id).equals(params.get("sig"))) {
            send(exchange, 403, "application/xml", azureError("AuthenticationFailed"));
            return;
        }
        Headers out = exchange.getResponseHeaders();
        switch (exchange.getRequestMethod()) {
            case "PUT" -> {
                synchronized (this) {
                    String comp = params.getOrDefault("comp", "");
                    if (comp.equals("block")) {
                        blocks.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(params.get("blockid"), body);
                    } else if (comp.equals("blocklist")) {
                        Map<String, byte[]> staged = blocks.getOrDefault(id, Map.of());
                        ByteArrayOutputStream whole = new ByteArrayOutputStream();
                        Matcher latest = Pattern.compile("<Latest>([^<]*)</Latest>")
                            .matcher(new String(body, StandardCharsets.UTF_8));
                        while (latest.find()) {
                            byte[] block = staged.get(latest.group(1));
                            if (block == null) {
                                send(exchange, 400, "application/xml", azureError("InvalidBlockList"));
                                return;
                            }
                            whole.write(block);
                        }
                        blobs.put(id, whole.toByteArray());
                        blocks.remove(id);
                    } else {
                        blobs.put(id, body);
                    }
                }
                out.set("ETag", "\"0x" + id + "\"");
                send(exchange, 201, null, new byte[0]);
            }
            case "HEAD", "GET" -> {
                byte[] blob;
                synchronized (this) {
                    blob = blobs.get(id);
                }
                if (blob == null) {
                    send(exchange, 404, "application/xml", azureError("BlobNotFound"));
                    return;
                }
                out.set("ETag", "\"0x" + id + "\"");
                out.set("x-ms-blob-type", "BlockBlob");
                out.set("Accept-Ranges", "bytes");
                if (exchange.getRequestMethod().equals("HEAD")) {
                    out.set("Content-Length", String.valueOf(blob.length));
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                String range = Optional.ofNullable(exchange.getRequestHeaders().getFirst("x-ms-range"))
                    .orElse(exchange.getRequestHeaders().getFirst("Range"));
                if (range != null) {
                    Matcher m = Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range);
                    if (!m.matches() || Long.parseLong(m.group(1)) >= blob.length) {
                        send(exchange, 416, "application/xml", azureError("InvalidRange"));
                        return;
                    }
                    int from = Integer.parseInt(m.group(1));
                    int to = m.group(2).isEmpty() ? blob.length - 1 : Math.min(blob.length - 1, Integer.parseInt(m.group(2)));
                    out.set("Content-Range", "bytes " + from + "-" + to + "/" + blob.length);
                    byte[] part = java.util.Arrays.copyOfRange(blob, from, to + 1);
                    send(exchange, 206, "application/octet-stream", part);
                    return;
                }
                if (failingDownloads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    send(exchange, 503, "application/xml", azureError("ServerBusy"));
                    return;
                }
                if (stallingDownloads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    out.set("Content-Type", "application/octet-stream");
                    exchange.sendResponseHeaders(200, blob.length);
                    exchange.getResponseBody().write(blob, 0, 1);
                    exchange.getResponseBody().flush();
                    try {
                        new CountDownLatch(1).await(); // until close() interrupts this handler
                    } catch (InterruptedException closing) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                if (truncatedDownloads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    out.set("Content-Type", "application/octet-stream");
                    exchange.sendResponseHeaders(200, blob.length);
                    exchange.getResponseBody().write(blob, 0, blob.length / 2);
                    return; // closing the exchange early: the client sees fewer bytes than promised
                }
                send(exchange, 200, "application/octet-stream", blob);
            }
            default -> send(exchange, 405, "application/xml", azureError("UnsupportedHttpVerb"));
        }
    }

    private static byte[] azureError(String code) {
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code></Error>")
            .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    // ---- plumbing

    private synchronized void record(HttpExchange exchange, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        String text = body.length == 0 ? ""
            : type.contains("json") || type.contains("xml") ? new String(body, StandardCharsets.UTF_8)
            : "sha256:" + sha256(body) + " (" + body.length + " bytes)";
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, text));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
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
