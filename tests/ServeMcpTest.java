//SOURCES ../scripts/Consolidate.java ../scripts/Serve.java
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/chunk/Chunk.java ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/DatabaseModelOption.java
//SOURCES ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/github/GitHubApiException.java ../shared/deadzone/github/GitHubClient.java
//SOURCES ../shared/deadzone/github/GitHubRepo.java ../shared/deadzone/github/GitHubToken.java
//SOURCES ../shared/deadzone/github/OriginRemote.java ../shared/deadzone/github/RestoreReportCheck.java
//SOURCES ../shared/deadzone/github/RetryPolicy.java
//SOURCES ../shared/deadzone/godoc/PackageOverview.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/release/EntryKey.java ../shared/deadzone/release/Manifest.java
//SOURCES ../shared/deadzone/release/ManifestEntry.java ../shared/deadzone/release/ManifestFile.java
//SOURCES ../shared/deadzone/search/ApiBeforeOverview.java ../shared/deadzone/search/FtsQuery.java
//SOURCES ../shared/deadzone/search/Fusion.java ../shared/deadzone/search/Hit.java
//SOURCES ../shared/deadzone/search/HybridSearch.java ../shared/deadzone/search/LibHit.java
//SOURCES ../shared/deadzone/search/LibIdSuggestions.java ../shared/deadzone/search/QueryTerms.java
//SOURCES ../shared/deadzone/search/ScopeHint.java ../shared/deadzone/search/SearchOutput.java
//SOURCES ../shared/deadzone/search/Snippets.java ../shared/deadzone/search/VectorIndex.java
//SOURCES ../shared/deadzone/serve/BoundedLines.java ../shared/deadzone/serve/CacheFolder.java
//SOURCES ../shared/deadzone/serve/CachedRelease.java ../shared/deadzone/serve/DatabaseCompatibility.java
//SOURCES ../shared/deadzone/serve/DocsIndex.java ../shared/deadzone/serve/ForwardPipe.java
//SOURCES ../shared/deadzone/serve/JsonRpcLine.java ../shared/deadzone/serve/McpStdioServer.java
//SOURCES ../shared/deadzone/serve/ReleaseCache.java ../shared/deadzone/serve/ReleaseClient.java
//SOURCES ../shared/deadzone/serve/ReleaseDatabase.java ../shared/deadzone/serve/ReleaseRepository.java
//SOURCES ../shared/deadzone/serve/ReleaseUnavailable.java ../shared/deadzone/serve/Schemas.java
//SOURCES ../shared/deadzone/serve/SearchDocsTool.java ../shared/deadzone/serve/SearchLibrariesTool.java
//SOURCES ../shared/deadzone/serve/ServerModel.java ../shared/deadzone/serve/StdioGuard.java
//SOURCES ../shared/deadzone/serve/ToolArguments.java ../shared/deadzone/serve/ToolInputError.java
//SOURCES ../shared/deadzone/serve/ToolResults.java ../shared/deadzone/serve/WatchedStdout.java
//SOURCES ../shared/deadzone/store/ArtifactCheck.java ../shared/deadzone/store/ArtifactContent.java
//SOURCES ../shared/deadzone/store/ArtifactWriter.java ../shared/deadzone/store/Consolidator.java
//SOURCES ../shared/deadzone/store/ManifestBuilder.java ../shared/deadzone/store/SourceRecord.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/StoredChunk.java
//SOURCES ../shared/deadzone/store/StoredGoFile.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/StepSummary.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES ../tools/rehearsal/NodeToolkit.java
//SOURCES support/CliRun.java support/McpSession.java support/Project.java support/SyntheticArtifacts.java
//SOURCES support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.ModelPin;
import deadzone.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.McpSession;
import support.SyntheticArtifacts;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static support.McpSession.structured;
import static support.McpSession.toolError;

/** The Serve script spawned as an assistant spawns it and driven by the real MCP client (npm SDK) over stdio. */
class ServeMcpTest {
    @TempDir
    Path dir;

    /** Three libraries (/acme/router 1.0 and 2.0, /other/lib unversioned) of made-up text, with the default model's identity. */
    static Path tinyDatabase(Path dir) throws Exception {
        return tinyDatabase(dir, ModelPin.DEFAULT);
    }

    static Path tinyDatabase(Path dir, EmbedderIdentity embedder) throws Exception {
        Path artifacts = dir.resolve("artifacts");
        SyntheticArtifacts.write(artifacts, "/acme/router", "1.0", 3, 40, 1, embedder);
        SyntheticArtifacts.write(artifacts, "/acme/router", "2.0", 3, 50, 2, embedder);
        SyntheticArtifacts.write(artifacts, "/other/lib", "", 2, 30, 3, embedder);
        Path db = dir.resolve("deadzone.db");
        CliRun run = CliRun.run(new Consolidate(), "--artifacts", artifacts.toString(), "--db", db.toString());
        assertEquals(0, run.exitCode(), run.toString());
        return db;
    }

    @Test
    void listsBothToolsWithTheirSchemasAndAnswersInTheOriginalShapes() throws Exception {
        Path db = tinyDatabase(dir);
        JsonNode report = McpSession.serve("--db", db.toString())
            .listTools()
            .call("search_docs", Map.of("query", "router middleware", "lib_id", "/acme/router", "version", "2.0", "tokens", 300))
            .call("search_libraries", Map.of())
            .call("search_libraries", Map.of("name", "acme router", "limit", 1))
            .call("search_docs", Map.of("query", "session token", "tokens", 2000))
            .run(dir);

        assertEquals("deadzone-pack", report.path("server").path("name").asText(), report.toString());
        assertTrue(report.path("instructions").asText().contains("search_libraries"), report.path("instructions").asText());
        assertTrue(report.path("capabilities").has("tools"), report.path("capabilities").toString());

        Map<String, JsonNode> tools = new HashMap<>();
        report.path("steps").get(0).path("tools").forEach(t -> tools.put(t.path("name").asText(), t));
        assertEquals(java.util.Set.of("search_docs", "search_libraries"), tools.keySet());
        JsonNode docs = tools.get("search_docs");
        assertEquals("[\"query\"]", docs.path("inputSchema").path("required").toString());
        for (String argument : List.of("query", "lib_id", "version", "tokens")) {
            assertTrue(docs.path("inputSchema").path("properties").has(argument), argument + " in " + docs);
        }
        assertTrue(docs.path("outputSchema").path("properties").has("snippets"), docs.toString());
        assertTrue(docs.path("description").asText().contains("search_libraries"), "search_docs says to resolve a lib_id first");
        assertTrue(docs.path("description").asText().contains("version"), docs.path("description").asText());
        JsonNode libraries = tools.get("search_libraries");
        assertTrue(libraries.path("inputSchema").path("properties").has("name"), libraries.toString());
        assertTrue(libraries.path("inputSchema").path("properties").has("limit"), libraries.toString());
        assertTrue(libraries.path("outputSchema").path("properties").has("libraries"), libraries.toString());

        JsonNode scoped = report.path("steps").get(1);
        JsonNode snippets = structured(scoped).path("snippets");
        assertFalse(snippets.isEmpty(), scoped.toString());
        int chars = 0;
        for (JsonNode s : snippets) {
            assertEquals("/acme/router", s.path("lib_id").asText(), s.toString());
            assertEquals("2.0", s.path("version").asText(), s.toString());
            assertTrue(s.path("url").asText().contains("/acme/router/2.0/"), s.toString());
            for (String field : List.of("title", "content", "heading_path")) {
                assertTrue(s.hasNonNull(field), field + " in " + s);
            }
            chars += s.path("content").asText().length();
        }
        assertTrue(chars <= 300 * 4, "the token budget holds: " + chars + " characters");
        assertEquals(structured(scoped), Json.MAPPER.readTree(scoped.path("result").path("content").get(0).path("text").asText()),
            "the text block carries the same JSON as the structured content");

        JsonNode all = structured(report.path("steps").get(2)).path("libraries");
        assertEquals(3, all.size(), all.toString());
        List<Integer> docCounts = new ArrayList<>();
        all.forEach(l -> {
            docCounts.add(l.path("doc_count").asInt());
            assertEquals(1.0, l.path("match_score").asDouble(), l.toString());
        });
        assertEquals(docCounts.stream().sorted(java.util.Comparator.reverseOrder()).toList(), docCounts,
            "no name: the libraries by document count");

        JsonNode named = structured(report.path("steps").get(3)).path("libraries");
        assertEquals(1, named.size(), named.toString());
        assertEquals("/acme/router", named.get(0).path("lib_id").asText());

        JsonNode everywhere = structured(report.path("steps").get(4)).path("snippets");
        assertTrue(everywhere.size() > 1, everywhere.toString());
        assertEquals(0, report.path("unsolicited").size(), "stdout carried only answers: " + report.path("unsolicited"));
    }

    @Test
    void badArgumentsAreToolErrorsThatSayWhatToSend() throws Exception {
        Path db = tinyDatabase(dir);
        String huge = "router ".repeat(100 * 1024 / 7);
        JsonNode report = McpSession.serve("--db", db.toString())
            .listTools()
            .call("search_docs", Map.of("query", "router", "version", "2.0"))
            .call("search_docs", Map.of("query", "router", "lib_id", "/acme/routr"))
            .call("search_docs", Map.of("query", "router", "lib_id", "/acme/router", "version", "9.9"))
            .call("search_docs", Map.of("query", "router", "tokens", "many"))
            .call("search_docs", Map.of("query", 42))
            .call("search_docs", Map.of("query", "   "))
            .call("search_docs", Map.of())
            .call("search_docs", Map.of("query", huge))
            .call("search_docs", Map.of("query", "router", "tokens", 5))
            .call("search_docs", Map.of("query", "router", "limit", 3))
            .call("search_libraries", Map.of("limit", 0))
            .call("search_libraries", Map.of("name", huge))
            .call("no_such_tool", Map.of())
            .call("search_docs", Map.of("query", "router", "lib_id", "/other/lib"))
            .run(dir);
        JsonNode steps = report.path("steps");
        assertTrue(toolError(steps.get(1)).contains("needs lib_id"), steps.get(1).toString());
        String unknownLib = toolError(steps.get(2));
        assertTrue(unknownLib.contains("/acme/routr is not in this database") && unknownLib.contains("/acme/router"),
            "names the closest lib_id: " + unknownLib);
        assertTrue(toolError(steps.get(3)).contains("has 1.0, 2.0"), steps.get(3).toString());
        assertTrue(toolError(steps.get(4)).contains("tokens must be a whole number"), steps.get(4).toString());
        assertTrue(toolError(steps.get(5)).contains("query must be a string"), steps.get(5).toString());
        assertTrue(toolError(steps.get(6)).contains("query is empty"), steps.get(6).toString());
        assertTrue(toolError(steps.get(7)).contains("query is missing"), steps.get(7).toString());
        assertTrue(toolError(steps.get(8)).contains("at most 4000"), steps.get(8).toString());
        assertTrue(toolError(steps.get(9)).contains("tokens must be between 100 and 100000"), steps.get(9).toString());
        assertTrue(toolError(steps.get(10)).contains("does not take limit"), steps.get(10).toString());
        assertTrue(toolError(steps.get(11)).contains("limit must be at least 1"), steps.get(11).toString());
        assertTrue(toolError(steps.get(12)).contains("at most 4000"), steps.get(12).toString());
        assertEquals(-32602, steps.get(13).path("error").path("code").asInt(), steps.get(13).toString());
        assertTrue(steps.get(13).path("error").path("message").asText().contains("Unknown tool: no_such_tool; the tools are"
            + " search_docs, search_libraries"), steps.get(13).toString());
        for (JsonNode s : structured(steps.get(14)).path("snippets")) {
            assertEquals("", s.path("version").asText(), "an unversioned library's snippets say so: " + s);
        }
        for (int i = 1; i < 13; i++) {
            String text = steps.get(i).toString();
            assertFalse(text.matches(".*(java|deadzone)\\.[a-z]+\\.[A-Z].*|.*Exception.*"), "no Java class names: " + text);
        }
        assertEquals(0, report.path("exit").path("code").asInt(-1), "the server survived every bad call: " + report.path("exit"));
    }

    @Test
    void queriesInFtsSyntaxAreOrdinaryQueries() throws Exception {
        Path db = tinyDatabase(dir);
        McpSession session = McpSession.serve("--db", db.toString()).listTools();
        List<String> queries = List.of("\"", "*", "NEAR(a b)", "a AND", "\"unbalanced", "title:foo", "-x OR", "(", "{col}: x");
        queries.forEach(q -> session.call("search_docs", Map.of("query", q)));
        JsonNode report = session.run(dir);
        for (int i = 0; i < queries.size(); i++) {
            structured(report.path("steps").get(i + 1));
        }
    }

    @Test
    void aMalformedLineGetsAJsonRpcErrorAndTheServerKeepsServing() throws Exception {
        Path db = tinyDatabase(dir);
        JsonNode report = McpSession.serve("--db", db.toString())
            .listTools()
            .raw("this is not json")
            .raw("{\"jsonrpc\":\"2.0\",\"id\":")
            .raw("[{\"jsonrpc\":\"2.0\",\"id\":\"raw-1\",\"method\":\"tools/list\"}]")
            .raw("{\"jsonrpc\":\"1.0\",\"id\":\"raw-2\",\"method\":\"tools/list\"}")
            .raw("{\"jsonrpc\":\"2.0\",\"id\":\"raw-3\",\"method\":\"no/such/method\"}")
            .raw("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"tools/list\"}")
            .call("search_docs", Map.of("query", "router middleware"))
            .run(dir);
        // The SDK answers the unknown method on its own thread: that answer may come before or after the next line's.
        List<Integer> codes = new ArrayList<>();
        Map<String, Integer> byId = new HashMap<>();
        report.path("unsolicited").forEach(m -> {
            codes.add(m.path("error").path("code").asInt(0));
            if (m.has("id")) {
                byId.put(m.path("id").asText(), m.path("error").path("code").asInt(0));
            }
        });
        codes.sort(null);
        assertEquals(List.of(-32700, -32700, -32601, -32600, -32600, -32600), codes, report.path("unsolicited").toString());
        assertEquals(Map.of("raw-2", -32600, "raw-3", -32601), byId, "the id is kept when it can be read");
        assertFalse(structured(report.path("steps").get(7)).path("snippets").isEmpty(), "served after the bad lines");
        assertEquals(0, report.path("exit").path("code").asInt(-1), report.path("exit").toString());
    }

    @Test
    void concurrentCallsAnswerAsTheSameCallsOneByOne() throws Exception {
        Path db = tinyDatabase(dir);
        List<Map<String, ?>> calls = new ArrayList<>();
        String[] words = {"router", "session token", "websocket stream", "cache index", "schema field", "retry timeout"};
        for (String w : words) {
            calls.add(Map.of("query", w));
            calls.add(Map.of("query", w, "lib_id", "/acme/router", "tokens", 500));
        }
        McpSession session = McpSession.serve("--db", db.toString()).listTools();
        calls.forEach(c -> session.call("search_docs", c));
        session.parallel("search_docs", calls);
        JsonNode report = session.run(dir);
        JsonNode together = report.path("steps").get(calls.size() + 1).path("results");
        assertEquals(calls.size(), together.size(), report.path("steps").get(calls.size() + 1).toString());
        for (int i = 0; i < calls.size(); i++) {
            JsonNode alone = report.path("steps").get(i + 1).path("result");
            assertNotEquals(true, alone.path("isError").asBoolean(), alone.toString());
            assertEquals(alone.path("structuredContent"), together.get(i).path("structuredContent"), "call " + calls.get(i));
        }
    }

    @Test
    void exitsByItselfWhenStdinCloses() throws Exception {
        Path db = tinyDatabase(dir);
        // One answer first: by then the model has loaded, as in a session that has been running a while.
        JsonNode report = McpSession.serve("--db", db.toString()).listTools().call("search_docs", Map.of("query", "router"))
            .run(dir);
        structured(report.path("steps").get(1));
        JsonNode exit = report.path("exit");
        assertFalse(exit.path("timedOut").asBoolean(false), "still running 5 s after stdin closed: " + exit);
        assertEquals(0, exit.path("code").asInt(-1), exit.toString());
        assertTrue(exit.path("signal").isNull(), "it exited, nothing killed it: " + exit);
        System.out.println("exit after end of stdin: " + exit.path("ms").asLong() + " ms");
    }

    /**
     * The server spawned with a shell pipe's stdin: the handshake, then {@code requests}, then end
     * of input at once, with no client waiting in between.
     */
    private static Process piped(Path db, String requests) throws java.io.IOException {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "Serve", "--db", db.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = server.getOutputStream()) {
            in.write(("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"pipe","version":"1"}}}
                {"jsonrpc":"2.0","method":"notifications/initialized"}
                """ + requests).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return server;
    }

    /** A client may write its requests and close stdin at once (a shell pipe does): the answers still come. */
    @Test
    void answersWhatWasAskedBeforeStdinClosed() throws Exception {
        Path db = tinyDatabase(dir);
        Process server = piped(db, """
            {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"search_docs","arguments":{"query":"router"}}}
            {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"search_libraries","arguments":{}}}
            """);
        List<String> lines = new String(server.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .lines().toList();
        assertTrue(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "exits once the answers are out");
        assertEquals(0, server.exitValue());
        List<Integer> ids = new ArrayList<>();
        for (String line : lines) {
            JsonNode message = Json.MAPPER.readTree(line);
            ids.add(message.path("id").asInt());
            assertFalse(message.path("result").path("isError").asBoolean(false), line);
        }
        ids.sort(null);
        assertEquals(List.of(1, 2, 3), ids, "every request answered, and nothing else on stdout: " + lines);
    }

    /**
     * ONNX Runtime crashes the process (SIGSEGV, and a crash report on stdout) when it exits while
     * a session is being created: a client that stops the server right after the handshake, before
     * the model has loaded, must still see a clean exit and nothing but JSON-RPC.
     */
    @Test
    void stoppedBeforeItsModelHasLoadedItStillExitsCleanly() throws Exception {
        Path db = tinyDatabase(dir);
        for (int run = 0; run < 3; run++) {
            Process server = piped(db, """
                {"jsonrpc":"2.0","id":2,"method":"tools/list"}
                """);
            String out = new String(server.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(server.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, server.exitValue(), "run " + run + ":\n" + out);
            assertEquals(2, out.lines().filter(l -> l.startsWith("{\"jsonrpc\"")).count(), out);
            assertEquals(2, out.lines().count(), out);
        }
    }

    @Test
    void aDatabaseOfAnotherModelOrSchemaIsRefusedAtStartWithOneLine() throws Exception {
        EmbedderIdentity d = ModelPin.DEFAULT;
        Path other = tinyDatabase(dir.resolve("other"), new EmbedderIdentity("another-model", "f".repeat(64), d.pooling(),
            d.queryPrefix(), d.documentPrefix(), d.maxTokens(), d.dimensions()));
        CliRun model = CliRun.run(new Serve(), "--db", other.toString());
        assertEquals(2, model.exitCode(), model.toString());
        assertEquals(1, model.errorLines().lines().count(), model.toString());
        assertTrue(model.errorLines().contains("was built with the embedder another-model")
            && model.errorLines().contains("--model-dir"), model.errorLines());

        Path newer = tinyDatabase(dir.resolve("newer"));
        try (Connection conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + newer);
             Statement st = conn.createStatement()) {
            st.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        }
        CliRun schema = CliRun.run(new Serve(), "--db", newer.toString());
        assertEquals(2, schema.exitCode(), schema.toString());
        assertTrue(schema.errorLines().contains("has schema_version 99 and this server reads schema 1"), schema.errorLines());

        CliRun missing = CliRun.run(new Serve(), "--db", dir.resolve("nope.db").toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertEquals(1, missing.errorLines().lines().count(), missing.toString());
        assertEquals("", missing.stdout() + model.stdout() + schema.stdout(), "nothing on stdout when refusing");
    }
}
