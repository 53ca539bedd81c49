//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.search.Hit;
import deadzone.search.LibIdSuggestions;
import deadzone.search.SearchOutput;
import deadzone.util.Json;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;

import java.sql.SQLException;
import java.util.List;

/**
 * {@code search_docs}, named and shaped as in the original deadzone server (query, lib_id,
 * tokens; snippets of lib_id, title, content), with version, heading path, url and the other
 * versions holding the same text added. The ranking is {@code Search}'s, through {@link DocsIndex}.
 */
final class SearchDocsTool {
    static final String NAME = "search_docs";
    static final int DEFAULT_TOKENS = 5000;
    static final int MIN_TOKENS = 100;
    static final int MAX_TOKENS = 100_000;
    /** A question, an identifier, a pasted error line: never a whole file. */
    static final int MAX_QUERY_CHARS = 4000;
    private static final List<String> ARGUMENTS = List.of("query", "lib_id", "version", "tokens", "topic");

    static final String DESCRIPTION = """
        Search the documentation of the libraries indexed in this server and get back the most relevant \
        sections as snippets. First call search_libraries to find the lib_id of the library you mean \
        (for example /fastapi/fastapi) and pass it as lib_id: the snippets then come from that library \
        only. Without lib_id every library is searched. version narrows lib_id to one of its indexed \
        versions (search_libraries lists them, for example 0.135); leave it out to search all of its \
        versions. Every snippet names the lib_id and version its text comes from, the heading path of \
        its section and its url; when other versions hold the very same text, also_in_versions lists \
        them. Ask in plain words, or with exact identifiers (class, function, option names): both are \
        matched. tokens caps the answer's size, about 4 characters a token (default 5000).""";

    private static final String INPUT_SCHEMA = """
        {
          "type": "object",
          "properties": {
            "query": {"type": "string", "description": "What to look for: a question in plain words, or an exact identifier such as CORSMiddleware or add_tool."},
            "lib_id": {"type": "string", "description": "Only this library, as search_libraries names it: /org/project, for example /fastapi/fastapi."},
            "version": {"type": "string", "description": "Only this version of lib_id (requires lib_id), as search_libraries lists it."},
            "tokens": {"type": "integer", "minimum": 100, "maximum": 100000, "default": 5000, "description": "Largest answer, in tokens of about 4 characters (default 5000)."},
            "topic": {"type": "string", "description": "Words naming a section or subject to focus on; added to the query."}
          },
          "required": ["query"],
          "additionalProperties": false
        }""";

    private static final String OUTPUT_SCHEMA = """
        {
          "type": "object",
          "properties": {
            "snippets": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "lib_id": {"type": "string", "description": "The library the text comes from."},
                  "version": {"type": "string", "description": "The version of the library the text comes from ('' when the library has one unnamed version)."},
                  "also_in_versions": {"type": "array", "items": {"type": "string"}, "description": "Other versions holding the very same text."},
                  "title": {"type": "string", "description": "The document's title."},
                  "heading_path": {"type": "string", "description": "The section's headings, outermost first, joined by ' > '."},
                  "url": {"type": "string", "description": "Where the document was fetched from."},
                  "score": {"type": "number", "description": "Relevance, higher is better (relative within one answer)."},
                  "content": {"type": "string", "description": "The section's text (markdown)."}
                },
                "required": ["lib_id", "version", "title", "content"]
              }
            }
          },
          "required": ["snippets"]
        }""";

    private final DocsIndex index;

    SearchDocsTool(DocsIndex index) {
        this.index = index;
    }

    SyncToolSpecification specification() {
        return ToolResults.specification(NAME,
            "Search library documentation", DESCRIPTION, INPUT_SCHEMA, OUTPUT_SCHEMA, ARGUMENTS,
            this::answer);
    }

    private ObjectNode answer(ToolArguments args) throws SQLException {
        String query = args.requiredString("query", "a question or an identifier to look for");
        String topic = args.optionalString("topic");
        if (topic != null) {
            query = query + " " + topic;
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw new ToolInputError("query is " + query.length() + " characters long and " + NAME + " takes at most "
                + MAX_QUERY_CHARS + ": ask about one thing, in a sentence or an identifier");
        }
        String libId = args.optionalString("lib_id");
        String version = args.optionalString("version");
        int tokens = args.optionalInt("tokens", DEFAULT_TOKENS);
        if (tokens < MIN_TOKENS || tokens > MAX_TOKENS) {
            throw new ToolInputError("tokens must be between " + MIN_TOKENS + " and " + MAX_TOKENS + ", not " + tokens
                + " (leave it out for " + DEFAULT_TOKENS + ")");
        }
        checkScope(libId, version);
        // About one snippet per 400 tokens of budget, never fewer than Search's default of 10.
        int limit = Math.min(50, Math.max(10, tokens / 400));
        List<Hit> hits = index.search(query, libId, version, limit, tokens);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("snippets", SearchOutput.hitsJson(hits));
        return answer;
    }

    /** An unknown lib_id or version is an error that names what exists, never an empty answer. */
    private void checkScope(String libId, String version) {
        if (libId == null) {
            if (version != null) {
                throw new ToolInputError("version " + version + " needs lib_id: a version belongs to one library;"
                    + " call search_libraries to find its lib_id, then pass both");
            }
            return;
        }
        List<String> versions = index.versions().get(libId);
        if (versions == null) {
            throw new ToolInputError("lib_id " + libId + " is not in this database; the closest are "
                + String.join(", ", LibIdSuggestions.closest(libId, index.versions().keySet(), 3))
                + " (search_libraries finds a lib_id by name)");
        }
        if (version != null && !versions.contains(version)) {
            throw new ToolInputError("version " + version + " of " + libId + " is not in this database; it has "
                + Schemas.versionList(versions) + " (leave version out to search them all)");
        }
    }
}
