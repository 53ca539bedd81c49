package deadzone.registry;

import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.Kind;
import deadzone.artifact.PipelineVersion;
import deadzone.util.Hashes;

import java.util.List;

/**
 * A short hash of everything that determines an artifact's content: the resolved entry, the
 * embedder identity and the pipeline and schema versions. Built from values, not YAML text, so
 * reformatting or reordering the registry, or editing another entry, changes nothing
 * (docs/registry.md, "Fingerprint and cache key").
 */
public final class Fingerprint {
    /** 16 hex characters (64 bits): collisions between a library's own versions are negligible. */
    public static final int LENGTH = 16;

    private Fingerprint() {
    }

    public static String of(String libId, String version, Kind kind, String ref, List<String> urls,
                            String description, EmbedderIdentity embedder) {
        StringBuilder text = new StringBuilder(256).append("deadzone-artifact");
        field(text, "pipeline", Integer.toString(PipelineVersion.PIPELINE));
        field(text, "schema", Integer.toString(PipelineVersion.SCHEMA));
        field(text, "embedder", embedder.canonical());
        field(text, "lib_id", libId);
        field(text, "version", version);
        field(text, "kind", kind.yamlName());
        field(text, "ref", ref == null ? "" : ref);
        field(text, "description", description == null ? "" : description);
        for (String url : urls) {
            field(text, "url", url);
        }
        return Hashes.sha256Hex(text.toString()).substring(0, LENGTH);
    }

    /** Length-prefixed, so no value (a description with newlines, say) can imitate another field. */
    private static void field(StringBuilder text, String name, String value) {
        text.append('\n').append(name).append('=').append(value.length()).append(':').append(value);
    }
}
