package deadzone.artifact;

import java.util.List;

/**
 * One artifact's state.yaml (docs/pipeline.md, "state.yaml"): what was scraped, with which
 * pipeline and model, how many documents and chunks, what was embedded and what reused, what was
 * skipped or kept stale and why, and which workflow run did it. {@link StateFile} writes and
 * reads it; RestoreCaches reports {@code runId} and {@code chunkCount} and checks {@code identity}.
 */
public record ScrapeState(
    String libId,
    String version,
    String kind,
    String ref,
    String fingerprint,
    String cacheKey,
    ArtifactIdentity identity,
    int urlCount,
    int docCount,
    int chunkCount,
    int chunksEmbedded,
    int chunksReused,
    int urlsNotModified,
    List<SkippedUrl> skipped,
    List<String> includeProblems,
    List<String> staleUrls,
    String createdAt,
    String updatedAt,
    String runId) {

    public ScrapeState {
        skipped = List.copyOf(skipped);
        includeProblems = List.copyOf(includeProblems);
        staleUrls = List.copyOf(staleUrls);
    }

    /** True when this artifact was scraped by the given (non-empty) workflow run. */
    public boolean scrapedBy(String currentRunId) {
        return currentRunId != null && !currentRunId.isEmpty() && currentRunId.equals(runId);
    }
}
