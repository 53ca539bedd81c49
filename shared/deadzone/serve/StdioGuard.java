//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.serve;

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.log.Log;
import deadzone.util.Json;
import io.modelcontextprotocol.json.McpJsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Stands between the client and the MCP SDK's stdio transport, which on a malformed line stops
 * reading and lets the server die, and on end of input drops the answers still being computed.
 * The guard reads stdin itself: a malformed line gets its JSON-RPC error here and the server
 * keeps serving; a good line goes on to the SDK. At end of input it waits until every request it
 * passed on has been answered (bounded), then ends the SDK's input, so the server exits.
 */
final class StdioGuard {
    /** Below the SDK's own limit (16 MB), so the SDK never meets a line it would refuse. */
    static final int MAX_LINE_CHARS = 8 * 1024 * 1024;
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);

    private final InputStream stdin;
    private final McpJsonMapper sdkMapper;
    private final ForwardPipe toSdk = new ForwardPipe();
    private final WatchedStdout stdout;
    private final Set<String> unanswered = new HashSet<>();
    private final Set<String> tools;

    StdioGuard(InputStream stdin, OutputStream stdout, McpJsonMapper sdkMapper, Set<String> tools) {
        this.stdin = stdin;
        this.sdkMapper = sdkMapper;
        this.tools = Set.copyOf(tools);
        this.stdout = new WatchedStdout(stdout, this::answered);
    }

    /** What the SDK's transport reads. */
    InputStream sdkInput() {
        return toSdk;
    }

    /** What the SDK's transport writes to. */
    OutputStream sdkOutput() {
        return stdout;
    }

    /** Reads stdin until it ends; returns once every forwarded request is answered and the SDK's input is closed. */
    void run() throws IOException, InterruptedException {
        try (Reader reader = new InputStreamReader(stdin, StandardCharsets.UTF_8)) {
            BoundedLines lines = new BoundedLines(reader, MAX_LINE_CHARS);
            for (BoundedLines.Line line; (line = lines.next()) != null; ) {
                if (line.tooLong()) {
                    Log.warn("serve_bad_input", "a message longer than " + MAX_LINE_CHARS + " characters was refused");
                    stdout.writeLine(JsonRpcLine.tooLong(MAX_LINE_CHARS));
                    continue;
                }
                handle(line.text());
            }
        }
        drain();
        toSdk.close();
        stdout.flush();
    }

    private void handle(String line) throws IOException {
        JsonRpcLine verdict = JsonRpcLine.classify(line, sdkMapper, tools);
        if (verdict instanceof JsonRpcLine.Reply reply) {
            Log.warn("serve_bad_input", "answered a malformed message with a JSON-RPC error", "chars", line.length());
            stdout.writeLine(reply.errorLine());
        } else if (verdict instanceof JsonRpcLine.Forward forward) {
            if (forward.requestId() != null) {
                synchronized (unanswered) {
                    unanswered.add(forward.requestId());
                }
            }
            // JSON allows a bare CR as whitespace; the SDK would take it for the end of a line.
            toSdk.send(forward.line().replace('\r', ' '));
        }
    }

    /** Called for every line written to stdout: a response with an id answers that request. */
    private void answered(String line) {
        synchronized (unanswered) {
            if (unanswered.isEmpty()) {
                return;
            }
            try {
                JsonNode json = Json.MAPPER.readTree(line);
                JsonNode id = json.get("id");
                if (id != null && (json.has("result") || json.has("error"))) {
                    unanswered.remove(id.toString());
                    unanswered.notifyAll();
                }
            } catch (IOException notJson) {
                // Only JSON-RPC is written here; anything else answers nothing.
            }
        }
    }

    /** At end of input: the client may still read the answers of requests it sent just before closing. */
    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        synchronized (unanswered) {
            while (!unanswered.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    Log.warn("serve_unanswered", unanswered.size() + " request(s) still unanswered "
                        + DRAIN_LIMIT.toSeconds() + " s after the input ended; exiting without them",
                        "requests", unanswered.size());
                    return;
                }
                unanswered.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
