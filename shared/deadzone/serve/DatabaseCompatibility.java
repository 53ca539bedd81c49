package deadzone.serve;

import deadzone.artifact.PipelineVersion;
import deadzone.error.UserException;
import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.Schema;

import java.nio.file.Path;
import java.util.Map;

/**
 * Whether this server can answer from a database: the schema it reads, and the embedder its
 * queries must share with the stored vectors (another model's vectors rank nonsense, silently).
 */
final class DatabaseCompatibility {
    private DatabaseCompatibility() {
    }

    /** Throws one line naming the difference and the way out; returns when the database fits. */
    static void check(Path db, Map<String, String> meta, EmbedderIdentity server) {
        String schema = meta.get(Schema.META_SCHEMA_VERSION);
        if (!String.valueOf(PipelineVersion.SCHEMA).equals(schema)) {
            throw new UserException(db + " has schema_version " + (schema == null ? "(none)" : schema)
                + " and this server reads schema " + PipelineVersion.SCHEMA + ": update the server (jbang --fresh serve@...)"
                + " or serve a database built by the same version of deadzone-pack");
        }
        String built = meta.get(Schema.META_EMBEDDER);
        if (built == null) {
            throw new UserException(db + " has no embedder meta row, so its vectors cannot be matched to a model;"
                + " rebuild it with Consolidate");
        }
        if (!built.equals(server.canonical())) {
            throw new UserException(db + " was built with the embedder " + shortName(built) + " and this server embeds"
                + " queries with " + shortName(server.canonical()) + ": pass --model-dir with the database's model,"
                + " or serve a database built with " + server.modelName());
        }
    }

    /** "name (sha256:0123456789ab)" out of the canonical identity string. */
    static String shortName(String canonical) {
        String[] parts = canonical.split("\\|");
        String sha = parts.length > 1 && parts[1].startsWith("sha256:")
            ? " (" + parts[1].substring(0, Math.min(parts[1].length(), "sha256:".length() + 12)) + ")" : "";
        return parts[0] + sha;
    }
}
