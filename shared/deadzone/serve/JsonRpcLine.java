//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.Json;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * What to do with one line a client sent: pass it to the MCP SDK, or answer it here with a
 * JSON-RPC error. The SDK's stdio transport stops reading (and the server dies) on the first line
 * it cannot deserialise, so only lines it accepts ever reach it.
 */
sealed interface JsonRpcLine {
    int PARSE_ERROR = -32700;
    int INVALID_REQUEST = -32600;

    /** A message for the SDK; {@code requestId} (the id as JSON text) when it expects an answer. */
    record Forward(String line, String requestId) implements JsonRpcLine {
    }

    /** The error line to write back instead. */
    record Reply(String errorLine) implements JsonRpcLine {
    }

    /** A blank line: nothing to do. */
    record Skip() implements JsonRpcLine {
    }

    int INVALID_PARAMS = -32602;

    static JsonRpcLine classify(String line, McpJsonMapper sdkMapper, java.util.Set<String> tools) {
        if (line.isBlank()) {
            return new Skip();
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return new Reply(error(null, PARSE_ERROR, "Parse error: the line is not JSON ("
                + e.getOriginalMessage().lines().findFirst().orElse("") + ")"));
        }
        if (json.isArray()) {
            return new Reply(error(null, INVALID_REQUEST, "Invalid Request: batches (JSON arrays) are not supported;"
                + " send one message per line"));
        }
        if (!json.isObject()) {
            return new Reply(error(null, INVALID_REQUEST, "Invalid Request: a message is a JSON object"));
        }
        JsonNode id = json.get("id");
        JsonNode validId = id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
        if (!"2.0".equals(json.path("jsonrpc").asText(null))) {
            return new Reply(error(validId, INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\""));
        }
        JsonNode method = json.get("method");
        if (method != null && !method.isTextual()) {
            return new Reply(error(validId, INVALID_REQUEST, "Invalid Request: \"method\" must be a string"));
        }
        if (method != null && id != null && validId == null) {
            return new Reply(error(null, INVALID_REQUEST, "Invalid Request: \"id\" must be a string or an integer"));
        }
        if (method == null && !json.has("result") && !json.has("error")) {
            return new Reply(error(validId, INVALID_REQUEST, "Invalid Request: a message has a method (request,"
                + " notification) or a result or error (response)"));
        }
        try {
            McpSchema.deserializeJsonRpcMessage(sdkMapper, line);
        } catch (Exception e) {
            return new Reply(error(validId, INVALID_REQUEST, "Invalid Request: the message does not fit JSON-RPC 2.0"
                + " (jsonrpc, id, method, params)"));
        }
        // The SDK's own answer names no tool ("Unknown tool: invalid_tool_name"); this one says which exist.
        String tool = json.path("params").path("name").asText("");
        if ("tools/call".equals(method == null ? null : method.asText()) && validId != null && !tools.contains(tool)) {
            return new Reply(error(validId, INVALID_PARAMS, "Unknown tool: " + tool + "; the tools are "
                + String.join(", ", new java.util.TreeSet<>(tools))));
        }
        return new Forward(line, method != null && validId != null ? validId.toString() : null);
    }

    /** A too-long line, skipped without being read into memory. */
    static String tooLong(int maxChars) {
        return error(null, INVALID_REQUEST, "Invalid Request: the message is longer than " + maxChars + " characters");
    }

    /**
     * An error response. Without a usable id the id is left out, as MCP's schema (2025-11-25) has it
     * for errors that cannot be tied to a request; JSON-RPC's {@code "id": null} fails MCP clients' checks.
     */
    static String error(JsonNode id, int code, String message) {
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.put("jsonrpc", "2.0");
        if (id != null) {
            reply.set("id", id);
        }
        reply.putObject("error").put("code", code).put("message", message);
        return Json.write(reply);
    }
}
