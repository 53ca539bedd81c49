//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.search.LibHit;
import deadzone.util.Json;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;

import java.sql.SQLException;
import java.util.List;

/**
 * {@code search_libraries}, named and shaped as in the original deadzone server (name, limit;
 * libraries of lib_id, doc_count, match_score), with each library's version, description, kind
 * and chunk count. The ranking is {@code Search --libs}'s, through {@link DocsIndex}.
 */
final class SearchLibrariesTool {
    static final String NAME = "search_libraries";
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;
    private static final List<String> ARGUMENTS = List.of("name", "limit");

    static final String DESCRIPTION = """
        Find the lib_id of a library before searching its documentation with search_docs. Give the \
        library's name or what it does in a few words (fastapi, "python web framework", "command line \
        parsing for java"): libraries come back best first, each with its lib_id (/org/project), one \
        version (a library indexed at several versions appears once per version; search_docs takes it \
        as version), its number of documents and a match_score relative to the best match (1.0). Leave \
        name out to list the libraries with the most documents. limit: how many (default 10, at most 50).""";

    private static final String INPUT_SCHEMA = """
        {
          "type": "object",
          "properties": {
            "name": {"type": "string", "description": "The library's name, or what it does in a few words. Empty or absent: list the libraries with the most documents."},
            "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10, "description": "How many libraries to return (default 10, at most 50)."}
          },
          "additionalProperties": false
        }""";

    private static final String OUTPUT_SCHEMA = """
        {
          "type": "object",
          "properties": {
            "libraries": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "lib_id": {"type": "string", "description": "Pass it to search_docs as lib_id."},
                  "version": {"type": "string", "description": "The indexed version ('' when the library has one unnamed version); pass it to search_docs as version."},
                  "doc_count": {"type": "integer", "description": "Documents indexed for this version."},
                  "match_score": {"type": "number", "description": "Relevance relative to the best match (1.0); 1.0 for every library when no name was given."},
                  "description": {"type": ["string", "null"], "description": "What the library is, when the registry says."},
                  "kind": {"type": "string", "description": "How its documentation was read (github-md, github-rst, html, ...)."},
                  "chunk_count": {"type": "integer", "description": "Sections indexed for this version."}
                },
                "required": ["lib_id", "version", "doc_count", "match_score"]
              }
            }
          },
          "required": ["libraries"]
        }""";

    private final DocsIndex index;

    SearchLibrariesTool(DocsIndex index) {
        this.index = index;
    }

    SyncToolSpecification specification() {
        return ToolResults.specification(NAME,
            "Find a library's lib_id", DESCRIPTION, INPUT_SCHEMA, OUTPUT_SCHEMA, ARGUMENTS,
            this::answer);
    }

    private ObjectNode answer(ToolArguments args) throws SQLException {
        String name = args.optionalString("name");
        if (name != null && name.length() > SearchDocsTool.MAX_QUERY_CHARS) {
            throw new ToolInputError("name is " + name.length() + " characters long and " + NAME + " takes at most "
                + SearchDocsTool.MAX_QUERY_CHARS + ": give the library's name or a few words");
        }
        int limit = args.optionalInt("limit", DEFAULT_LIMIT);
        if (limit < 1) {
            throw new ToolInputError("limit must be at least 1, not " + limit + " (leave it out for " + DEFAULT_LIMIT + ")");
        }
        // The original server answers a larger limit with its maximum; prompts written for it keep working.
        List<LibHit> libs = index.libraries(name, Math.min(limit, MAX_LIMIT));
        double best = libs.isEmpty() || name == null ? 1 : libs.get(0).score();
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode array = answer.putArray("libraries");
        for (LibHit l : libs) {
            ObjectNode o = array.addObject();
            o.put("lib_id", l.libId());
            o.put("version", l.version());
            o.put("doc_count", l.docCount());
            o.put("match_score", name == null || best <= 0 ? 1.0 : Math.round(l.score() / best * 1e4) / 1e4);
            o.put("description", l.description());
            o.put("kind", l.kind());
            o.put("chunk_count", l.chunkCount());
        }
        return answer;
    }
}
