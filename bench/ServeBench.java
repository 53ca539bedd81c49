///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
//SOURCES ../shared/deadzone/util/Json.java

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The MCP server as an assistant meets it: spawned through the repository's JBang wrapper
 * ({@code ./jbang scripts/Serve.java --db FILE}, JBang's cache warm), spoken to over stdio. Prints
 * the time from spawn to the answer of initialize and of the first search_docs call (sent at once,
 * as clients do), then search_docs latency p50/p95 over varied queries, and the time to exit
 * once stdin closes.
 */
@Command(name = "ServeBench", mixinStandardHelpOptions = true)
public class ServeBench implements Callable<Integer> {
    @Option(names = "--db", required = true, description = "The database to serve.") Path db;
    @Option(names = "--queries", defaultValue = "100", description = "search_docs calls timed after the first.") int queries;
    @Option(names = "--starts", defaultValue = "3", description = "Spawns timed (the best and the median are printed).") int starts;

    static final String[] QUESTIONS = {
        "how do I add middleware", "CORSMiddleware", "validate a request body", "stream a response", "set a cookie",
        "background tasks after the response", "dependency injection", "websocket", "how are sessions signed",
        "url_for", "send_file", "command line options with default values", "subcommands", "AddTool",
        "MCPGODEBUG", "how to test the application", "configure logging", "upload a file", "OAuth2 with password flow",
        "error handling and custom exceptions", "template rendering", "environment variables for settings",
        "retry a request after a timeout", "cache the result of a query", "session token expiry"};

    private long nextId = 1;

    @Override
    public Integer call() throws Exception {
        Path root = repositoryRoot();
        build(root);
        List<Double> initializes = new ArrayList<>();
        List<Double> firsts = new ArrayList<>();
        List<Double> exits = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        for (int s = 0; s < starts; s++) {
            long spawned = System.nanoTime();
            Process server = new ProcessBuilder(root.resolve("jbang").toString(), "scripts/Serve.java", "--db",
                db.toAbsolutePath().toString()).directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            OutputStream in = server.getOutputStream();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            long initId = send(in, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "ServeBench", "version", "1")));
            notify(in, "notifications/initialized");
            long firstId = send(in, "tools/call", Map.of("name", "search_docs",
                "arguments", Map.of("query", "how do I enable CORS for my frontend")));
            await(out, initId);
            initializes.add(ms(spawned));
            check(await(out, firstId));
            firsts.add(ms(spawned));
            if (s == 0) {
                List<String> libIds = libIds(in, out);
                for (int q = 0; q < queries; q++) {
                    Map<String, Object> arguments = new java.util.HashMap<>(Map.of("query", QUESTIONS[q % QUESTIONS.length]
                        + (q >= QUESTIONS.length ? " " + (q / QUESTIONS.length) : "")));
                    if (q % 3 == 1 && !libIds.isEmpty()) {
                        arguments.put("lib_id", libIds.get(q % libIds.size()));
                    }
                    if (q % 4 == 3) {
                        arguments.put("tokens", 2000);
                    }
                    long start = System.nanoTime();
                    check(await(out, send(in, "tools/call", Map.of("name", "search_docs", "arguments", arguments))));
                    latencies.add(ms(start));
                }
            }
            long closing = System.nanoTime();
            in.close();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                throw new IllegalStateException("the server did not exit within 30 s of stdin closing");
            }
            exits.add(ms(closing));
        }
        System.out.printf("database: %s%n", db);
        System.out.printf("spawn -> initialize answered: best %.0f ms, median %.0f ms (%d starts)%n",
            min(initializes), percentile(initializes, 50), starts);
        System.out.printf("spawn -> first search_docs answered: best %.0f ms, median %.0f ms%n", min(firsts), percentile(firsts, 50));
        System.out.printf("search_docs latency over %d queries: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
            latencies.size(), percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 100));
        System.out.printf("stdin closed -> exited: median %.0f ms%n", percentile(exits, 50));
        return 0;
    }

    /** search_libraries with no name: the lib_ids to scope some queries to. */
    private List<String> libIds(OutputStream in, BufferedReader out) throws IOException {
        JsonNode answer = check(await(out, send(in, "tools/call", Map.of("name", "search_libraries", "arguments", Map.of()))));
        List<String> ids = new ArrayList<>();
        answer.path("result").path("structuredContent").path("libraries").forEach(l -> ids.add(l.path("lib_id").asText()));
        return ids;
    }

    private long send(OutputStream in, String method, Object params) throws IOException {
        long id = nextId++;
        ObjectNode message = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", Json.MAPPER.valueToTree(params));
        in.write((Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        return id;
    }

    private static void notify(OutputStream in, String method) throws IOException {
        in.write(("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static JsonNode await(BufferedReader out, long id) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            JsonNode message = Json.MAPPER.readTree(line);
            if (message.path("id").asLong(-1) == id) {
                return message;
            }
        }
        throw new IOException("the server closed its stdout before answering request " + id);
    }

    private static JsonNode check(JsonNode answer) {
        if (answer.has("error") || answer.path("result").path("isError").asBoolean(false)) {
            throw new IllegalStateException("the server answered with an error: " + answer);
        }
        return answer;
    }

    /** Builds once, so the timed spawns measure a warm JBang cache. */
    private static void build(Path root) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(root.resolve("jbang").toString(), "build", "scripts/Serve.java")
            .directory(root.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jbang build scripts/Serve.java failed");
        }
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (p.resolve("scripts").resolve("Serve.java").toFile().isFile()) {
                return p;
            }
        }
        throw new IllegalStateException("run ServeBench from inside the deadzone-pack checkout");
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    public static void main(String... args) {
        System.exit(new CommandLine(new ServeBench()).execute(args));
    }
}
