//DEPS com.fasterxml.jackson.core:jackson-databind:2.20.1
package deadzone.cache;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.AtomicFiles;
import deadzone.util.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The keep-alive's outcome: the hit/miss table people read in the job summary, and JSON for scripts. */
public record TouchReport(List<CacheToucher.Result> entries) {

    public Map<CacheToucher.Touch, Integer> totals() {
        Map<CacheToucher.Touch, Integer> totals = new EnumMap<>(CacheToucher.Touch.class);
        for (CacheToucher.Touch t : CacheToucher.Touch.values()) {
            totals.put(t, 0);
        }
        entries.forEach(e -> totals.merge(e.touch(), 1, Integer::sum));
        return totals;
    }

    /** No entry's exact key was found: the keys drifted from what scrape-pack saved (or it never ran). */
    public boolean everyEntryMissed() {
        return !entries.isEmpty() && totals().get(CacheToucher.Touch.HIT) == 0;
    }

    public String totalsLine() {
        return totals().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
            .collect(Collectors.joining(", "));
    }

    /** The heading, the table, the totals and what a miss means, ending with a newline. */
    public String markdown() {
        StringBuilder md = new StringBuilder("### Cache keep-alive\n\n| lib | version | entry | matched key |\n"
            + "| --- | --- | --- | --- |\n");
        for (CacheToucher.Result r : entries) {
            md.append("| ").append(cell(r.slot().libId())).append(" | ").append(cell(r.slot().version())).append(" | ")
                .append(r.touch().label()).append(" | ").append(r.matchedKey() == null ? "" : cell(r.matchedKey()))
                .append(" |\n");
        }
        return md.append('\n').append(totalsLine()).append(".\n\n")
            .append("A hit stays cached. A miss (or an older entry) means that library is scraped again on the next"
                + " scrape-pack run; failed means the lookup itself failed.\n").toString();
    }

    /** {"entries":[{lib_id, version, slug, cache_key, touch, matched_key, reason}],"totals":{…}} */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("entries");
        for (CacheToucher.Result r : entries) {
            list.addObject().put("lib_id", r.slot().libId()).put("version", r.slot().version())
                .put("slug", r.slot().slug()).put("cache_key", r.slot().cacheKey()).put("touch", r.touch().label())
                .put("matched_key", r.matchedKey()).put("reason", r.reason());
        }
        ObjectNode totals = root.putObject("totals");
        totals().forEach((touch, n) -> totals.put(touch.label(), n));
        return root.toString();
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson() + "\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
