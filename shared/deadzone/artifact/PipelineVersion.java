package deadzone.artifact;

/**
 * Versions that decide whether an artifact is still valid. Bump {@link #PIPELINE} whenever
 * fetching, parsing, chunking or what goes into an artifact changes: every fingerprint, and so
 * every cache key, changes with it and the next run rebuilds every library. How readers compare
 * them is {@link ArtifactIdentity} (docs/schema.md, "Compatibility").
 */
public final class PipelineVersion {
    /** Parser, chunker and artifact content. */
    public static final int PIPELINE = 1;
    /** The SQLite schema shared by artifacts and deadzone.db. */
    public static final int SCHEMA = 1;

    private PipelineVersion() {
    }
}
