//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.cache;

import deadzone.log.Log;

import deadzone.util.AtomicFiles;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fan-in's outcome: the JSON report DbRelease reads, and the markdown summary
 * ({@code | lib | version | status | docs |} plus the totals line) people read.
 */
public record RestoreReport(String runId, List<RestoreResult> entries) {

    public Map<RestoreStatus, Integer> totals() {
        Map<RestoreStatus, Integer> totals = new EnumMap<>(RestoreStatus.class);
        for (RestoreStatus s : RestoreStatus.values()) {
            totals.put(s, 0);
        }
        entries.forEach(e -> totals.merge(e.status(), 1, Integer::sum));
        return totals;
    }

    /** {"run_id":…,"entries":[{lib_id, version, slug, status, matched_key, docs, reason}],"totals":{…}} */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("run_id", runId);
        ArrayNode list = root.putArray("entries");
        for (RestoreResult r : entries) {
            ObjectNode o = list.addObject();
            o.put("lib_id", r.slot().libId());
            o.put("version", r.slot().version());
            o.put("slug", r.slot().slug());
            o.put("status", r.status().label());
            o.put("matched_key", r.matchedKey());
            o.put("docs", r.docs());
            o.put("reason", r.reason());
        }
        ObjectNode totals = root.putObject("totals");
        totals().forEach((status, n) -> totals.put(status.label(), n));
        return root.toString();
    }

    /** "N scraped, N cached, N stale, N failed". */
    public String totalsLine() {
        return totals().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
            .collect(Collectors.joining(", "));
    }

    /** The table, a blank line and the totals line, ending with a newline. */
    public String markdown() {
        StringBuilder md = new StringBuilder("| lib | version | status | docs |\n| --- | --- | --- | ---: |\n");
        for (RestoreResult r : entries) {
            md.append("| ").append(cell(r.slot().libId())).append(" | ").append(cell(r.slot().version()))
                .append(" | ").append(r.status().label()).append(" | ").append(r.docs()).append(" |\n");
        }
        return md.append('\n').append(totalsLine()).append('\n').toString();
    }

    /** Writes the JSON through a temporary file in the same folder and a rename: never half a report. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson() + "\n");
    }

    /** A table cell, printed to stderr too: one line whatever a hand-written --libs file holds. */
    private static String cell(String text) {
        return Log.oneLine(text).replace("|", "\\|");
    }
}
