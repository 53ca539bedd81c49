//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS io.modelcontextprotocol.sdk:mcp-core:2.1.0
//DEPS io.modelcontextprotocol.sdk:mcp-json-jackson2:2.1.0
//DEPS org.slf4j:slf4j-nop:2.0.16
package deadzone.serve;

import deadzone.artifact.PipelineVersion;
import deadzone.log.Log;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The MCP server on stdin/stdout: the official Java SDK (McpServer.sync, its stdio transport)
 * behind a {@link StdioGuard}, with the two tools. stdout carries JSON-RPC only; logs go to stderr.
 */
public final class McpStdioServer {
    static final String NAME = "deadzone-pack";
    static final String INSTRUCTIONS = """
        Documentation of software libraries, searchable offline. To answer a question about a \
        library, call search_libraries with its name to get its lib_id (and versions), then \
        search_docs with the question and that lib_id. Each snippet says which library version \
        it documents.""";

    private McpStdioServer() {
    }

    /**
     * Loads the SDK's JSON and schema-validation classes on a background thread, so that this
     * (a second or more of class loading) overlaps the database checks instead of following them.
     */
    public static void warmUp() {
        Thread warm = new Thread(() -> {
            try {
                McpJsonDefaults.getMapper();
                McpJsonDefaults.getSchemaValidator().validate(Schemas.parse("{\"type\": \"object\"}"), java.util.Map.of());
            } catch (RuntimeException e) {
                Log.debug("serve_warm_up_failed", "error", e.toString());
            }
        }, "serve-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /** Serves until {@code in} ends and every request read has been answered. */
    public static void run(DocsIndex index, InputStream in, OutputStream out) throws IOException, InterruptedException {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        List<SyncToolSpecification> tools = List.of(new SearchDocsTool(index).specification(),
            new SearchLibrariesTool(index).specification());
        StdioGuard guard = new StdioGuard(in, out, mapper, tools.stream().map(t -> t.tool().name()).collect(Collectors.toSet()));
        StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper, guard.sdkInput(), guard.sdkOutput());
        McpSyncServer server = McpServer.sync(transport)
            .serverInfo(NAME, "pipeline " + PipelineVersion.PIPELINE + ", schema " + PipelineVersion.SCHEMA)
            .instructions(INSTRUCTIONS)
            .capabilities(ServerCapabilities.builder().tools(false).build())
            // Arguments are checked by the tools themselves, with messages that say what to send instead.
            .validateToolInputs(false)
            .tools(tools)
            .build();
        Log.info("serve_listening", "db", index.path(), "transport", "stdio");
        guard.run();
        Log.info("serve_stdin_closed");
        server.close();
    }
}
