package deadzone.store;

import deadzone.artifact.EmbedderIdentity;
import deadzone.registry.ResolvedEntry;

import java.util.List;

/** Everything one artifact.db holds for one (lib_id, version). */
public record ArtifactContent(
    ResolvedEntry entry,
    EmbedderIdentity embedder,
    String scrapedAt,
    int docCount,
    float[] libEmbedding,
    List<StoredChunk> chunks,
    List<SourceRecord> sources) {
}
