package fakes;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import deadzone.util.Hashes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A read-only HTTP server on 127.0.0.1 (a free port) serving folders under URL prefixes, for
 * tests that fetch documentation without the internet. It behaves like a static file host
 * (strong ETags, Last-Modified, 304s, gzip on request, content types by extension), logs every
 * request, and can be told to misbehave per path:
 * <ul>
 *   <li>{@link #enqueue}: scripted responses for a path, used one per request, before normal serving;</li>
 *   <li>{@link #always}/{@link #failAlways}: a response for every request to a path or prefix.</li>
 * </ul>
 * <pre>{@code
 * try (DocServer server = DocServer.serve(dir)) {
 *     server.enqueue("/a.md", DocServer.Response.status(500), DocServer.Response.reset());
 *     fetcher.fetch(server.url("/a.md"));
 *     server.requests("/a.md");   // three requests: 500, no response, 200
 * }
 * }</pre>
 */
public final class DocServer implements AutoCloseable {
    /** The status logged for a request that got no response (a dropped connection). */
    public static final int NO_RESPONSE = 0;

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm and delayed
        // ACKs every response would stall about 40 ms. Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Mount> mounts;
    private final boolean etags;
    private final boolean lastModified;
    private final boolean gzip;
    private final String placeholderOrigin;
    private final Map<String, Queue<Response>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Response> always = new ConcurrentHashMap<>();
    private final List<Request> log = new CopyOnWriteArrayList<>();

    private record Mount(String prefix, Path dir) {
    }

    /** Serves {@code dir} at the root, with ETags and Last-Modified, without gzip. */
    public static DocServer serve(Path dir) {
        return builder().mount("/", dir).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<Mount> mounts = new ArrayList<>();
        private boolean etags = true;
        private boolean lastModified = true;
        private boolean gzip;
        private int port;
        private String placeholderOrigin;

        private Builder() {
        }

        /** The port on 127.0.0.1 (default 0: any free one). */
        public Builder port(int number) {
            port = number;
            return this;
        }

        /** Serves the files of {@code dir} under {@code prefix} ({@code "/raw/"}: /raw/a.md is dir/a.md). */
        public Builder mount(String prefix, Path dir) {
            String p = prefix.startsWith("/") ? prefix : "/" + prefix;
            mounts.add(new Mount(p.endsWith("/") ? p : p + "/", dir.toAbsolutePath().normalize()));
            return this;
        }

        /** Whether to send ETags and answer If-None-Match (default true). */
        public Builder etags(boolean on) {
            etags = on;
            return this;
        }

        /** Whether to send Last-Modified and answer If-Modified-Since (default true). */
        public Builder lastModified(boolean on) {
            lastModified = on;
            return this;
        }

        /** Whether to gzip files for clients that send {@code Accept-Encoding: gzip} (default false). */
        public Builder gzip(boolean on) {
            gzip = on;
            return this;
        }

        /**
         * Serves every file with {@code origin} (such as {@code http://docs.fixtures.test}) replaced by
         * this server's base url, as a listing that names its own urls (GitHub's Contents API) is served.
         */
        public Builder replacingOrigin(String origin) {
            placeholderOrigin = origin;
            return this;
        }

        public DocServer start() {
            try {
                return new DocServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the document server", e);
            }
        }
    }

    /**
     * A scripted response. {@code status} 0 means "serve the file as usual" (after {@code delay});
     * a {@code body} replaces the file's bytes (status 200 unless given); {@code reset} closes the
     * connection without any response.
     */
    public record Response(int status, Map<String, String> headers, Duration delay, byte[] body, boolean dropConnection) {
        public Response {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            delay = delay == null ? Duration.ZERO : delay;
        }

        public static Response status(int status) {
            return new Response(status, Map.of(), Duration.ZERO, null, false);
        }

        /** The connection is closed before any byte of a response. */
        public static Response reset() {
            return new Response(0, Map.of(), Duration.ZERO, null, true);
        }

        /** The file as usual, but only after {@code delay} (to provoke client timeouts). */
        public static Response delayed(Duration delay) {
            return new Response(0, Map.of(), delay, null, false);
        }

        public static Response body(byte[] body) {
            return new Response(200, Map.of(), Duration.ZERO, body, false);
        }

        public static Response body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        public static Response redirect(int status, String location) {
            return status(status).withHeader("Location", location);
        }

        public Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, h, delay, body, dropConnection);
        }

        public Response withDelay(Duration d) {
            return new Response(status, headers, d, body, dropConnection);
        }

        public Response withBody(byte[] b) {
            return new Response(status == 0 ? 200 : status, headers, delay, b, dropConnection);
        }
    }

    /**
     * One request as the server saw it. Header maps are case-insensitive. {@code status} is what
     * was (or was about to be) sent, {@link #NO_RESPONSE} for a reset.
     */
    public record Request(String method, String path, Map<String, List<String>> headers, int status,
                          Map<String, List<String>> responseHeaders) {
        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public String responseHeader(String name) {
            List<String> v = responseHeaders.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    private DocServer(Builder b) throws IOException {
        this.mounts = new ArrayList<>(b.mounts);
        // Longest prefix first, so /raw/x/ wins over /raw/.
        this.mounts.sort(Comparator.comparingInt((Mount m) -> m.prefix().length()).reversed());
        this.etags = b.etags;
        this.lastModified = b.lastModified;
        this.gzip = b.gzip;
        this.placeholderOrigin = b.placeholderOrigin;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "doc-server");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The url of {@code path} ({@code "/raw/a.md"}) on this server. */
    public String url(String path) {
        return baseUrl() + (path.startsWith("/") ? path : "/" + path);
    }

    /** Responses for the next requests to {@code path} (or a url of this server), in order. */
    public void enqueue(String path, Response... responses) {
        scripted.computeIfAbsent(pathOf(path), k -> new ConcurrentLinkedQueue<>()).addAll(List.of(responses));
    }

    /** {@code response} for every request whose path starts with {@code pathOrPrefix}, until {@link #clearFaults}. */
    public void always(String pathOrPrefix, Response response) {
        always.put(pathOf(pathOrPrefix), response);
    }

    public void failAlways(String pathOrPrefix, int status) {
        always(pathOrPrefix, Response.status(status));
    }

    public void clearFaults() {
        scripted.clear();
        always.clear();
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(log);
    }

    public List<Request> requests(String path) {
        String p = pathOf(path);
        return log.stream().filter(r -> r.path().equals(p)).toList();
    }

    public void clearRequests() {
        log.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String pathOf(String pathOrUrl) {
        if (pathOrUrl.startsWith(baseUrl())) {
            String p = pathOrUrl.substring(baseUrl().length());
            return p.isEmpty() ? "/" : p;
        }
        return pathOrUrl.startsWith("/") ? pathOrUrl : "/" + pathOrUrl;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Response fault = nextFault(path);
            if (fault != null && fault.dropConnection()) {
                record(exchange, path, NO_RESPONSE, new Headers());
                pause(fault.delay());
                // Throwing out of a handler makes the JDK server close the connection unanswered.
                throw new IOException("scripted connection reset for " + path);
            }
            if (fault != null && fault.status() != 0) {
                sendScripted(exchange, path, fault);
                return;
            }
            Duration delay = fault == null ? Duration.ZERO : fault.delay();
            serveFile(exchange, path, delay);
        }
    }

    private Response nextFault(String path) {
        Queue<Response> queue = scripted.get(path);
        Response next = queue == null ? null : queue.poll();
        if (next != null) {
            return next;
        }
        return always.entrySet().stream()
            .filter(e -> path.startsWith(e.getKey()))
            .max(Comparator.comparingInt(e -> e.getKey().length()))
            .map(Map.Entry::getValue)
            .orElse(null);
    }

    private void sendScripted(HttpExchange exchange, String path, Response fault) throws IOException {
        Headers out = exchange.getResponseHeaders();
        fault.headers().forEach(out::add);
        byte[] body = fault.body() != null ? fault.body()
            : ("HTTP " + fault.status() + " (scripted)\n").getBytes(StandardCharsets.UTF_8);
        if (fault.body() != null && !out.containsKey("Content-Type")) {
            out.set("Content-Type", contentTypeFor(path));
        }
        record(exchange, path, fault.status(), out);
        pause(fault.delay());
        send(exchange, fault.status(), body);
    }

    private void serveFile(HttpExchange exchange, String path, Duration delay) throws IOException {
        Headers out = exchange.getResponseHeaders();
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            out.set("Allow", "GET, HEAD");
            record(exchange, path, 405, out);
            send(exchange, 405, "read-only server\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Path file = resolve(path);
        if (file == null) {
            record(exchange, path, 404, out);
            pause(delay);
            send(exchange, 404, ("not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (placeholderOrigin != null) {
            // Byte for byte (ISO-8859-1 maps each byte to one char), so any encoding survives.
            bytes = new String(bytes, StandardCharsets.ISO_8859_1).replace(placeholderOrigin, baseUrl())
                .getBytes(StandardCharsets.ISO_8859_1);
        }
        Instant modified = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS);
        String etag = "\"" + Hashes.sha256Hex(bytes) + "\"";
        if (etags) {
            out.set("ETag", etag);
        }
        if (lastModified) {
            out.set("Last-Modified", HTTP_DATE.format(modified.atZone(ZoneOffset.UTC)));
        }
        if (notModified(exchange.getRequestHeaders(), etag, modified)) {
            record(exchange, path, 304, out);
            pause(delay);
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        out.set("Content-Type", contentTypeFor(path));
        byte[] body = bytes;
        if (gzip) {
            out.set("Vary", "Accept-Encoding");
            if (acceptsGzip(exchange.getRequestHeaders())) {
                out.set("Content-Encoding", "gzip");
                body = gzip(bytes);
            }
        }
        record(exchange, path, 200, out);
        pause(delay);
        send(exchange, 200, body);
    }

    private boolean notModified(Headers request, String etag, Instant modified) {
        String ifNoneMatch = etags ? request.getFirst("If-None-Match") : null;
        if (ifNoneMatch != null) {
            // RFC 9110 13.1.2: weak comparison; If-Modified-Since is ignored when this is present.
            for (String candidate : ifNoneMatch.split(",")) {
                String c = candidate.strip();
                if (c.equals("*") || c.replaceFirst("^W/", "").equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = lastModified ? request.getFirst("If-Modified-Since") : null;
        if (ifModifiedSince != null) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), HTTP_DATE).toInstant();
                return !modified.isAfter(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    /** The file for {@code path}, or null when no mount holds it (or it would escape the mount). */
    private Path resolve(String path) {
        for (Mount m : mounts) {
            if (!path.startsWith(m.prefix())) {
                continue;
            }
            Path file = m.dir().resolve(path.substring(m.prefix().length())).normalize();
            if (file.startsWith(m.dir()) && Files.isRegularFile(file)) {
                return file;
            }
            return null;
        }
        return null;
    }

    private void record(HttpExchange exchange, String path, int status, Headers responseHeaders) {
        log.add(new Request(exchange.getRequestMethod(), path, copy(exchange.getRequestHeaders()), status,
            copy(responseHeaders)));
    }

    private static Map<String, List<String>> copy(Headers headers) {
        Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> m.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(m);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
        if (noBody) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    private static void pause(Duration delay) throws IOException {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("server stopped during a scripted delay", e);
        }
    }

    private static boolean acceptsGzip(Headers request) {
        List<String> values = request.get("Accept-Encoding");
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String coding : value.split(",")) {
                String[] parts = coding.strip().split(";");
                if (parts[0].strip().equalsIgnoreCase("gzip")
                    && !(parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The content type a static host would send for {@code path}, by extension. */
    public static String contentTypeFor(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        String ext = p.substring(p.lastIndexOf('.') + 1);
        if (p.lastIndexOf('.') < p.lastIndexOf('/')) {
            ext = "";
        }
        return switch (ext) {
            case "md" -> "text/markdown";
            case "rst" -> "text/x-rst";
            case "html", "htm" -> "text/html";
            case "py" -> "text/x-python";
            case "txt" -> "text/plain";
            default -> "application/octet-stream";
        };
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

}
