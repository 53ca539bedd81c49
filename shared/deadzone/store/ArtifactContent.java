package deadzone.store;

import deadzone.artifact.EmbedderIdentity;
import deadzone.registry.ResolvedEntry;

import java.util.List;

/** Everything one artifact.db holds for one (lib_id, version); {@code goFiles} only for a godoc entry read from GitHub. */
public record ArtifactContent(
    ResolvedEntry entry,
    EmbedderIdentity embedder,
    String scrapedAt,
    int docCount,
    float[] libEmbedding,
    List<StoredChunk> chunks,
    List<SourceRecord> sources,
    List<StoredGoFile> goFiles) {

    public ArtifactContent(ResolvedEntry entry, EmbedderIdentity embedder, String scrapedAt, int docCount, float[] libEmbedding,
                           List<StoredChunk> chunks, List<SourceRecord> sources) {
        this(entry, embedder, scrapedAt, docCount, libEmbedding, chunks, sources, List.of());
    }
}
