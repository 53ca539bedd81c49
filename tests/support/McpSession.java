//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.Json;
import org.junit.jupiter.api.Assumptions;
import rehearsal.NodeToolkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One session of the real MCP client (the npm {@code @modelcontextprotocol/sdk}, driven by
 * tests/node/mcp-session.cjs) with the Serve script spawned as an assistant spawns it: steps are
 * added, then {@link #run} returns the client's report. Skipped, with the reason shown, when node
 * or the SDK in tests/node is missing.
 */
public final class McpSession {
    public static final String INSTALL = "npm ci --prefix tests/node";

    private final List<String> serverArgs;
    private final ObjectNode env = Json.MAPPER.createObjectNode();
    private final ArrayNode steps = Json.MAPPER.createArrayNode();

    private McpSession(List<String> serverArgs) {
        this.serverArgs = serverArgs;
    }

    /** The Serve script of this test JVM's classpath, with {@code args}. */
    public static McpSession serve(String... args) {
        assumeAvailable();
        return new McpSession(List.of(args));
    }

    public static Optional<String> missing() {
        if (!NodeToolkit.onPath("node")) {
            return Optional.of("node is not on PATH: install Node.js and run `" + INSTALL + "` to run the MCP client tests");
        }
        if (!Files.isRegularFile(folder().resolve("node_modules/@modelcontextprotocol/sdk/package.json"))) {
            return Optional.of("the MCP client SDK is not installed in tests/node: run `" + INSTALL + "`");
        }
        return Optional.empty();
    }

    public static void assumeAvailable() {
        Optional<String> reason = missing();
        Assumptions.assumeTrue(reason.isEmpty(), reason.orElse(""));
    }

    private static Path folder() {
        return Project.root().resolve("tests").resolve("node");
    }

    public McpSession env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public McpSession listTools() {
        steps.addObject().put("op", "listTools");
        return this;
    }

    public McpSession call(String tool, Map<String, ?> arguments) {
        ObjectNode step = steps.addObject();
        step.put("op", "call");
        step.put("name", tool);
        step.set("arguments", Json.MAPPER.valueToTree(arguments));
        return this;
    }

    /** The calls sent at once, without waiting for each other's answers. */
    public McpSession parallel(String tool, List<Map<String, ?>> argumentsOfEach) {
        ObjectNode step = steps.addObject();
        step.put("op", "parallel");
        ArrayNode calls = step.putArray("calls");
        for (Map<String, ?> arguments : argumentsOfEach) {
            ObjectNode call = calls.addObject();
            call.put("name", tool);
            call.set("arguments", Json.MAPPER.valueToTree(arguments));
        }
        return this;
    }

    /** A line written to the server's stdin as it is, bypassing the client. */
    public McpSession raw(String line) {
        steps.addObject().put("op", "raw").put("line", line);
        return this;
    }

    /** Runs the session; the report has "steps" (one answer each), "unsolicited", "exit" and "stderr". */
    public JsonNode run(Path workDir) throws IOException, InterruptedException {
        ObjectNode plan = Json.MAPPER.createObjectNode();
        plan.put("command", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ArrayNode args = plan.putArray("args");
        args.add("-cp").add(System.getProperty("java.class.path")).add("Serve");
        serverArgs.forEach(args::add);
        plan.set("env", env);
        plan.put("cwd", workDir.toString());
        plan.set("steps", steps);
        Path planFile = Files.createTempFile(workDir, "mcp-plan", ".json");
        Files.writeString(planFile, Json.write(plan));
        Process node = new ProcessBuilder("node", folder().resolve("mcp-session.cjs").toString(), planFile.toString())
            .directory(workDir.toFile())
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .start();
        byte[] out = node.getInputStream().readAllBytes();
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(5, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new IllegalStateException("the MCP client session did not end within 5 minutes");
        }
        if (node.exitValue() != 0) {
            throw new IllegalStateException("the MCP client failed (exit " + node.exitValue() + "):\n" + err);
        }
        return Json.MAPPER.readTree(out);
    }

    /** The structured content of a successful call step, failing with the step when it is not one. */
    public static JsonNode structured(JsonNode step) {
        JsonNode result = step.path("result");
        if (result.isMissingNode() || result.path("isError").asBoolean(false)) {
            throw new AssertionError("expected a successful tool call, got " + step);
        }
        return result.path("structuredContent");
    }

    /** The error text of a call step that ended as a tool error, failing when it did not. */
    public static String toolError(JsonNode step) {
        JsonNode result = step.path("result");
        if (!result.path("isError").asBoolean(false)) {
            throw new AssertionError("expected a tool error (isError), got " + step);
        }
        return result.path("content").get(0).path("text").asText();
    }
}
