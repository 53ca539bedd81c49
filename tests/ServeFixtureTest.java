//SOURCES support/CliRun.java support/Project.java support/DocServer.java support/FixtureRegistry.java
//SOURCES support/FixtureBuild.java support/McpSession.java
//SOURCES ../scripts/ScrapeLib.java ../scripts/Consolidate.java ../scripts/Serve.java

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.FixtureBuild;
import support.McpSession;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static support.McpSession.structured;

/** The MCP server over the database built from the fixture registry (real documentation, the real model). */
class ServeFixtureTest {
    @TempDir
    Path dir;

    @Test
    void answersAnAssistantsQuestionsFromTheRightLibraryAndVersion() throws Exception {
        McpSession.assumeAvailable();
        FixtureBuild build = FixtureBuild.get(ScrapeLib::new, Consolidate::new);
        JsonNode report = McpSession.serve("--db", build.db.toString())
            .listTools()
            .call("search_docs", Map.of("query", "How do I allow my frontend on another origin to call my FastAPI backend?"))
            .call("search_docs", Map.of("query", "CORS", "lib_id", "/fastapi/fastapi", "version", "0.135", "tokens", 800))
            .call("search_libraries", Map.of("name", "python web framework"))
            .call("search_docs", Map.of("query", "CORS", "lib_id", "/pallets/flask"))
            .run(dir);

        JsonNode first = structured(report.path("steps").get(1)).path("snippets").get(0);
        assertEquals("/fastapi/fastapi", first.path("lib_id").asText(), first.toString());
        assertTrue(first.path("heading_path").asText().startsWith("CORS (Cross-Origin Resource Sharing)"), first.toString());
        assertTrue(first.path("url").asText().endsWith("/tutorial/cors.md"), first.toString());

        JsonNode scoped = structured(report.path("steps").get(2)).path("snippets");
        assertFalse(scoped.isEmpty());
        int chars = 0;
        for (JsonNode s : scoped) {
            assertEquals("/fastapi/fastapi", s.path("lib_id").asText());
            assertEquals("0.135", s.path("version").asText());
            assertTrue(s.path("url").asText().contains("/0.135.3/"), s.toString());
            chars += s.path("content").asText().length();
        }
        assertTrue(chars <= 800 * 4, "tokens caps the answer: " + chars + " characters");
        assertTrue(scoped.get(0).path("heading_path").asText().contains("CORS"), scoped.get(0).toString());

        JsonNode libraries = structured(report.path("steps").get(3)).path("libraries");
        assertEquals("/fastapi/fastapi", libraries.get(0).path("lib_id").asText(), libraries.toString());
        assertEquals(1.0, libraries.get(0).path("match_score").asDouble());

        for (JsonNode s : structured(report.path("steps").get(4)).path("snippets")) {
            assertEquals("/pallets/flask", s.path("lib_id").asText(), "lib_id holds even when the text is elsewhere");
        }
    }
}
