//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.error.RunFailure;
import deadzone.error.UserException;
import deadzone.log.Log;
import deadzone.util.Json;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * How a tool call ends: a success carries its answer twice, as structured content (checked
 * against the tool's output schema) and as the same JSON in a text block for clients that only
 * read text; a failure is a tool error ({@code isError}) whose text the model can act on.
 */
final class ToolResults {
    private ToolResults() {
    }

    /** One tool call's work: its answer as a JSON object. */
    @FunctionalInterface
    interface Call {
        ObjectNode answer() throws SQLException;
    }

    /** What a tool does with its checked arguments. */
    @FunctionalInterface
    interface Answer {
        ObjectNode of(ToolArguments args) throws SQLException;
    }

    /**
     * A read-only tool of this server: its schemas (JSON text), the arguments it accepts (any other
     * is a tool error) and its answer, run through {@link #run}.
     */
    static SyncToolSpecification specification(String name, String title, String description, String inputSchema,
                                               String outputSchema, List<String> accepted, Answer answer) {
        Tool tool = Tool.builder(name, Schemas.parse(inputSchema))
            .title(title)
            .description(description)
            .outputSchema(Schemas.parse(outputSchema))
            .annotations(ToolAnnotations.builder().title(title).readOnlyHint(true).idempotentHint(true)
                .openWorldHint(false).build())
            .build();
        return new SyncToolSpecification(tool, (exchange, request) ->
            run(name, () -> answer.of(new ToolArguments(name, request.arguments(), accepted))));
    }

    /** Runs one call: its answer, or a tool error; a bad argument or a failure never escapes to the transport. */
    static CallToolResult run(String tool, Call call) {
        long start = System.nanoTime();
        try {
            ObjectNode answer = call.answer();
            Log.info("serve_call", "tool", tool, "ms", (System.nanoTime() - start) / 1_000_000);
            return success(answer);
        } catch (ToolInputError | UserException | RunFailure e) {
            Log.info("serve_call_refused", "tool", tool, "reason", e.getMessage());
            return error(e.getMessage());
        } catch (SQLException | RuntimeException e) {
            Log.error("serve_call_failed", tool + " failed: " + e, "tool", tool);
            return error(tool + " failed unexpectedly; the server's log (stderr) has the details");
        }
    }

    static CallToolResult success(ObjectNode answer) {
        Map<String, Object> structured = Json.MAPPER.convertValue(answer, Schemas.MAP);
        return CallToolResult.builder()
            .content(List.of(TextContent.builder(Json.write(answer)).build()))
            .structuredContent(structured)
            .isError(false)
            .build();
    }

    static CallToolResult error(String message) {
        return CallToolResult.builder()
            .content(List.of(TextContent.builder(message).build()))
            .isError(true)
            .build();
    }
}
