//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.Json;

import java.util.List;

/** How answers are printed: text for people, JSON for programs. Both name each snippet's version. */
public final class SearchOutput {
    private SearchOutput() {
    }

    public static String hits(List<Hit> hits, boolean json) {
        if (json) {
            return Json.write(hitsJson(hits)) + "\n";
        }
        if (hits.isEmpty()) {
            return "No results.\n";
        }
        StringBuilder out = new StringBuilder();
        for (Hit h : hits) {
            out.append("## ").append(h.libLabel()).append(" - ").append(h.headingPath().isEmpty() ? h.title() : h.headingPath()).append('\n')
                .append(h.url()).append("\n\n").append(h.content().strip()).append("\n\n");
        }
        return out.toString();
    }

    /** The snippets as JSON objects, the shape Search --json prints and the MCP server's search_docs returns. */
    public static ArrayNode hitsJson(List<Hit> hits) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Hit h : hits) {
            ObjectNode o = array.addObject();
            o.put("lib_id", h.libId());
            o.put("version", h.version());
            h.alsoInVersions().forEach(o.putArray("also_in_versions")::add);
            o.put("title", h.title());
            o.put("heading_path", h.headingPath());
            o.put("url", h.url());
            o.put("score", Math.round(h.score() * 1e6) / 1e6);
            o.put("content", h.content());
        }
        return array;
    }

    public static String libs(List<LibHit> libs, boolean json) {
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (LibHit l : libs) {
                ObjectNode o = array.addObject();
                o.put("lib_id", l.libId());
                o.put("version", l.version());
                o.put("kind", l.kind());
                o.put("description", l.description());
                o.put("chunks", l.chunkCount());
                o.put("score", Math.round(l.score() * 1e6) / 1e6);
            }
            return Json.write(array) + "\n";
        }
        StringBuilder out = new StringBuilder();
        for (LibHit l : libs) {
            out.append(l.libId()).append(l.version().isEmpty() ? "" : " " + l.version()).append("  (")
                .append(l.chunkCount()).append(" chunks)");
            if (l.description() != null && !l.description().isBlank()) {
                out.append("  ").append(l.description());
            }
            out.append('\n');
        }
        return out.length() == 0 ? "No libraries.\n" : out.toString();
    }
}
