package deadzone.artifact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What decides whether an artifact or a database can be used by this version of the suite: the
 * schema and pipeline versions that built it and the embedder that made its vectors
 * (docs/schema.md, "Compatibility"). Every database records it in {@code meta}, every state.yaml
 * repeats it. A reader builds the identity it needs, leaving out (null) what it does not care
 * about, and asks {@link #compatibleWith}; {@link #mismatchWith} words every refusal the same way.
 *
 * @param schemaVersion   {@code schema_version}, as text
 * @param pipelineVersion {@code pipeline_version}, as text
 * @param embedder        the embedder's canonical identity ({@link EmbedderIdentity#canonical()})
 */
public record ArtifactIdentity(String schemaVersion, String pipelineVersion, String embedder) {
    /** What this suite writes with {@code embedder}. */
    public static ArtifactIdentity current(String embedder) {
        return new ArtifactIdentity(Integer.toString(PipelineVersion.SCHEMA), Integer.toString(PipelineVersion.PIPELINE),
            embedder);
    }

    public static ArtifactIdentity current(EmbedderIdentity embedder) {
        return current(embedder.canonical());
    }

    /** What a reader of the schema alone needs (publishing a database, whatever built it). */
    public static ArtifactIdentity currentSchema() {
        return new ArtifactIdentity(Integer.toString(PipelineVersion.SCHEMA), null, null);
    }

    /** The identity a database's meta rows record (a missing row is null). */
    public static ArtifactIdentity fromMeta(Map<String, String> meta) {
        return new ArtifactIdentity(meta.get(Schema.META_SCHEMA_VERSION), meta.get(Schema.META_PIPELINE_VERSION),
            meta.get(Schema.META_EMBEDDER));
    }

    /** The same requirement without the pipeline: vectors outlive a pipeline bump, chunks do not. */
    public ArtifactIdentity anyPipeline() {
        return new ArtifactIdentity(schemaVersion, null, embedder);
    }

    /** Whether what this identity describes can be used where {@code needed} is asked for. */
    public boolean compatibleWith(ArtifactIdentity needed) {
        return mismatchWith(needed).isEmpty();
    }

    /**
     * Empty when compatible; else one phrase for every difference, such as "has schema_version 999
     * instead of 1, pipeline 0 instead of 1". Parts {@code needed} leaves null are not compared.
     */
    public Optional<String> mismatchWith(ArtifactIdentity needed) {
        List<String> differences = new ArrayList<>();
        differ(differences, "schema_version ", schemaVersion, needed.schemaVersion);
        differ(differences, "pipeline ", pipelineVersion, needed.pipelineVersion);
        if (needed.embedder != null && !needed.embedder.equals(embedder)) {
            differences.add("another embedder (" + shown(embedder) + " instead of " + needed.embedder + ")");
        }
        return differences.isEmpty() ? Optional.empty() : Optional.of("has " + String.join(", ", differences));
    }

    private static void differ(List<String> differences, String what, String actual, String needed) {
        if (needed != null && !needed.equals(actual)) {
            differences.add(what + shown(actual) + " instead of " + needed);
        }
    }

    private static String shown(String value) {
        return Objects.requireNonNullElse(value, "(none)");
    }
}
