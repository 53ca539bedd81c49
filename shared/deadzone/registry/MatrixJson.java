//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ListLibs output: what the workflow's matrix reads ({@code matrix.entry.*}) and what
 * RestoreCaches takes back in. One place writes and reads it, so the two cannot drift.
 */
public final class MatrixJson {
    public static final List<String> FIELDS =
        List.of("lib_id", "version", "slug", "kind", "url_count", "fingerprint", "cache_key", "cache_path",
            "sibling_slug", "sibling_cache_key", "sibling_cache_path");

    private MatrixJson() {
    }

    /** One matrix slot as read back from ListLibs output. */
    public record Slot(String libId, String version, String slug, String cacheKey, String cachePath) {
        public String cacheKeyPrefix() {
            return ResolvedEntry.CACHE_KEY_PREFIX + slug + "-";
        }
    }

    /** {@code entries} as one array; {@code registry} (every entry) is where their siblings are found. */
    public static String flat(List<ResolvedEntry> entries, List<ResolvedEntry> registry) {
        return Json.write(array(entries, registry));
    }

    public static String batched(List<ResolvedEntry> entries, List<ResolvedEntry> registry, int batchSize) {
        ArrayNode batches = Json.MAPPER.createArrayNode();
        for (int from = 0; from < entries.size(); from = (int) Math.min(entries.size(), (long) from + batchSize)) {
            batches.add(array(entries.subList(from, (int) Math.min(entries.size(), (long) from + batchSize)), registry));
        }
        return Json.write(batches);
    }

    /**
     * The version of the same library listed just before {@code e} in the registry (just after,
     * for the first): a matrix slot runs alone, so this neighbour's artifact from an earlier run,
     * restored beside its own, is how a new version reuses the vectors of the text it shares.
     */
    public static Optional<ResolvedEntry> sibling(ResolvedEntry e, List<ResolvedEntry> registry) {
        List<ResolvedEntry> versions = registry.stream().filter(r -> r.libId().equals(e.libId())).toList();
        int at = versions.indexOf(e);
        if (at < 0 || versions.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(versions.get(at > 0 ? at - 1 : 1));
    }

    /** Reads flat or batched ListLibs output back into slots, in order. */
    public static List<Slot> read(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not ListLibs output (invalid JSON: " + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("not ListLibs output (expected a JSON array)");
        }
        List<Slot> slots = new ArrayList<>();
        for (JsonNode item : root) {
            if (item.isArray()) {
                for (JsonNode inner : item) {
                    slots.add(slot(inner));
                }
            } else {
                slots.add(slot(item));
            }
        }
        return slots;
    }

    private static Slot slot(JsonNode node) {
        for (String field : List.of("lib_id", "version", "slug", "cache_key", "cache_path")) {
            if (!node.hasNonNull(field) || !node.get(field).isTextual()) {
                throw new IllegalArgumentException("not ListLibs output (an entry lacks '" + field + "')");
            }
        }
        return new Slot(node.get("lib_id").asText(), node.get("version").asText(), node.get("slug").asText(),
            node.get("cache_key").asText(), node.get("cache_path").asText());
    }

    private static ArrayNode array(List<ResolvedEntry> entries, List<ResolvedEntry> registry) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (ResolvedEntry e : entries) {
            ObjectNode o = array.addObject();
            o.put("lib_id", e.libId());
            o.put("version", e.version());
            o.put("slug", e.slug());
            o.put("kind", e.kind().yamlName());
            o.put("url_count", e.urls().size());
            o.put("fingerprint", e.fingerprint());
            o.put("cache_key", e.cacheKey());
            o.put("cache_path", e.cachePath());
            Optional<ResolvedEntry> sibling = sibling(e, registry);
            o.put("sibling_slug", sibling.map(ResolvedEntry::slug).orElse(""));
            o.put("sibling_cache_key", sibling.map(ResolvedEntry::cacheKey).orElse(""));
            o.put("sibling_cache_path", sibling.map(ResolvedEntry::cachePath).orElse(""));
        }
        return array;
    }
}
