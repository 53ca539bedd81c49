//DEPS com.fasterxml.jackson.core:jackson-databind:2.20.1
package deadzone.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.Json;

import java.util.Map;

/**
 * The question format of the project's own test corpus (tests/fixtures/queries.jsonl, described
 * in its README.md), read into the graded query set's form so both run through the same
 * evaluation: {@code {"id", "query", "intent", "lib_id", "version"?, "relevant": [{"url_suffix",
 * "heading", "grade"}]}}, where {@code url_suffix} is the url's path after the host and
 * {@code heading} a whole heading path ({@code "Your first job > Delayed jobs"}), or, for a Go
 * package (a suffix under {@value #GO_LISTING}), the title of the document the reader makes.
 */
final class CorpusQuestions {
    static final String GO_LISTING = "/api/repos/";
    private static final Map<String, String> INTENTS = Map.of(
        "api", "api-lookup", "howto", "how-to", "version", "version-specific");

    private CorpusQuestions() {
    }

    /** Whether {@code line} is in this format: its answers are given by {@code url_suffix}. */
    static boolean isCorpusQuestion(JsonNode line) {
        for (JsonNode r : line.path("relevant")) {
            if (r.has("url_suffix")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same question in the query set's form: the answers take the question's library, a
     * url suffix without its leading '/', and the last heading of the path (a merged section is
     * found by that heading line); {@code ident-} and {@code zero-} ids become the identifier and
     * zero-overlap tags, Go package questions get the godoc tag.
     */
    static ObjectNode toQuerySetForm(JsonNode line) {
        ObjectNode q = line.deepCopy();
        String intent = line.path("intent").asText();
        q.put("intent", INTENTS.getOrDefault(intent, intent));
        ArrayNode tags = q.putArray("tags");
        String id = line.path("id").asText();
        if (id.startsWith("ident-")) {
            tags.add("identifier");
        } else if (id.startsWith("zero-")) {
            tags.add("zero-overlap");
        }
        ArrayNode relevant = q.putArray("relevant");
        boolean go = false;
        for (JsonNode r : line.path("relevant")) {
            ObjectNode answer = Json.MAPPER.createObjectNode();
            if (line.hasNonNull("lib_id")) {
                answer.set("lib_id", line.get("lib_id"));
            }
            String suffix = r.path("url_suffix").asText();
            String heading = r.path("heading").asText();
            if (suffix.startsWith(GO_LISTING)) {
                go = true;
                answer.put("title", heading);
            } else {
                answer.put("url", suffix.replaceFirst("^/+", ""));
                String[] path = heading.split(" > ");
                answer.put("heading", path[path.length - 1]);
            }
            answer.set("grade", r.get("grade"));
            relevant.add(answer);
        }
        if (go) {
            tags.add("godoc");
        }
        return q;
    }
}
