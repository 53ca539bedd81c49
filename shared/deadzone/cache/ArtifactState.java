package deadzone.cache;

import deadzone.store.StateFile;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The two fields of an artifact's state.yaml (written by ScrapeLib) that the fan-in reports:
 * which run scraped it and how many docs rows it holds.
 */
public record ArtifactState(String runId, long chunkCount, String pipelineVersion, String schemaVersion, String embedder) {

    /** The folder's state, or empty when state.yaml is absent or unreadable. */
    public static Optional<ArtifactState> read(Path artifactFolder) {
        return StateFile.read(artifactFolder.resolve(StateFile.FILE_NAME)).map(ArtifactState::of);
    }

    private static ArtifactState of(Map<String, Object> state) {
        // run_id is written as a string, but a hand-edited file may hold a bare number.
        Object runId = state.get("run_id");
        Object chunks = state.get("chunk_count");
        return new ArtifactState(runId == null ? "" : String.valueOf(runId),
            chunks instanceof Number n ? n.longValue() : 0, String.valueOf(state.get("pipeline_version")),
            String.valueOf(state.get("schema_version")), String.valueOf(state.get("embedder")));
    }

    /**
     * Why Consolidate would refuse this artifact (built by another pipeline, schema or model), or
     * empty when it can be merged. An older cache entry found through the restore key may be
     * from before a pipeline bump: restoring it would only make Consolidate fail for everyone.
     */
    public Optional<String> incompatibility() {
        if (!Integer.toString(deadzone.PipelineVersion.PIPELINE).equals(pipelineVersion)
            || !Integer.toString(deadzone.PipelineVersion.SCHEMA).equals(schemaVersion)) {
            return Optional.of("it was built by pipeline " + pipelineVersion + "/schema " + schemaVersion + ", this is "
                + deadzone.PipelineVersion.PIPELINE + "/" + deadzone.PipelineVersion.SCHEMA);
        }
        if (!deadzone.embed.ModelPin.DEFAULT.canonical().equals(embedder)) {
            return Optional.of("it was embedded by another model");
        }
        return Optional.empty();
    }

    /** True when this artifact was scraped by the given (non-empty) workflow run. */
    public boolean scrapedBy(String currentRunId) {
        return currentRunId != null && !currentRunId.isEmpty() && currentRunId.equals(runId);
    }
}
