//DEPS com.fasterxml.jackson.core:jackson-databind:2.20.1
package deadzone.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deadzone.manifest.json: what one deadzone.db holds, written by Consolidate beside it and
 * published by DbRelease beside it (docs/workflow.md, "The manifest"). It names its database by
 * sha256 and size, so a reader can tell whether a manifest and a database belong together. It
 * holds no clock time of its own, so the same artifacts always give the same bytes.
 */
public record Manifest(String dbName, String dbSha256, long dbSize, int schemaVersion, int pipelineVersion,
                       String embedder, String embedderModel, int embedderDimensions, List<ManifestEntry> entries) {
    /** Bumped when a field changes meaning or goes away; readers refuse a newer format. */
    public static final int FORMAT = 1;

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    public Manifest {
        entries = List.copyOf(entries);
    }

    public long docs() {
        return entries.stream().mapToLong(ManifestEntry::docs).sum();
    }

    public long chunks() {
        return entries.stream().mapToLong(ManifestEntry::chunks).sum();
    }

    /** The entries by (lib_id, version), in the manifest's order. */
    public Map<EntryKey, ManifestEntry> byKey() {
        Map<EntryKey, ManifestEntry> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.key(), e));
        return Collections.unmodifiableMap(map);
    }

    /** Indented JSON with "\n" line ends and a final newline; the field order is fixed. */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("manifest_version", FORMAT);
        root.putObject("database").put("name", dbName).put("sha256", dbSha256).put("size", dbSize);
        root.put("schema_version", schemaVersion);
        root.put("pipeline_version", pipelineVersion);
        root.putObject("embedder").put("identity", embedder).put("model", embedderModel)
            .put("dimensions", embedderDimensions);
        root.putObject("totals").put("entries", entries.size()).put("docs", docs()).put("chunks", chunks());
        ArrayNode list = root.putArray("entries");
        for (ManifestEntry e : entries) {
            ObjectNode o = list.addObject();
            o.put("lib_id", e.libId());
            o.put("version", e.version());
            o.put("kind", e.kind());
            o.put("ref", e.ref());
            o.put("fingerprint", e.fingerprint());
            o.put("docs", e.docs());
            o.put("chunks", e.chunks());
            o.put("content_sha256", e.contentSha256());
            o.put("scraped_at", e.scrapedAt());
            if (e.restore() != null) {
                o.put("restore", e.restore());
            }
        }
        try {
            return Json.MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a manifest; anything that is not one of this format is an IllegalArgumentException saying what. */
    public static Manifest parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        int format = root.path("manifest_version").asInt(0);
        if (format != FORMAT) {
            throw new IllegalArgumentException(format > FORMAT
                ? "manifest_version " + format + " is newer than this DbRelease reads (" + FORMAT + "); update deadzone-pack"
                : "no manifest_version " + FORMAT);
        }
        JsonNode db = root.path("database");
        JsonNode embedder = root.path("embedder");
        List<ManifestEntry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode e : array(root, "entries")) {
            String where = "entries[" + index++ + "]";
            entries.add(new ManifestEntry(text(e, "lib_id", where), text(e, "version", where), text(e, "kind", where),
                text(e, "ref", where), text(e, "fingerprint", where), count(e, "docs", where), count(e, "chunks", where),
                text(e, "content_sha256", where), text(e, "scraped_at", where),
                e.hasNonNull("restore") ? e.get("restore").asText() : null));
        }
        return new Manifest(text(db, "name", "database"), text(db, "sha256", "database"), count(db, "size", "database"),
            (int) count(root, "schema_version", "the top level"), (int) count(root, "pipeline_version", "the top level"),
            text(embedder, "identity", "embedder"), text(embedder, "model", "embedder"),
            (int) count(embedder, "dimensions", "embedder"), entries);
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw new IllegalArgumentException("no \"" + field + "\" array");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + " has no text field \"" + field + "\"");
        }
        return value.asText();
    }

    private static long count(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException(where + " has no count \"" + field + "\"");
        }
        return value.asLong();
    }
}
