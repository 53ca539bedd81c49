package deadzone.scrape;

import deadzone.artifact.ArtifactIdentity;
import deadzone.artifact.ScrapeState;
import deadzone.artifact.SkippedUrl;
import deadzone.registry.ResolvedEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened while one entry was scraped, counted once: the report of the run and the
 * entry's state.yaml are both read from here, so they cannot disagree.
 */
final class EntryTally {
    private final ResolvedEntry entry;
    private final long startNanos = System.nanoTime();
    private final List<SkippedUrl> skipped = new ArrayList<>();
    private final List<String> includeProblems = new ArrayList<>();
    private final List<String> staleUrls = new ArrayList<>();
    private int docs;
    private int notModified;
    private int chunks;
    private int embedded;
    private int reused;

    EntryTally(ResolvedEntry entry) {
        this.entry = entry;
    }

    /** A url that gave a document (fetched, not modified, or kept from the previous artifact). */
    void document() {
        docs++;
    }

    void notModified() {
        notModified++;
    }

    void skipped(String url, String reason) {
        skipped.add(new SkippedUrl(url, reason));
    }

    void includeProblem(String problem) {
        includeProblems.add(problem);
    }

    /** A url that failed but whose previous chunks were kept; {@code reason} says why it failed. */
    void stale(String url, String reason) {
        staleUrls.add(url + ": " + reason);
    }

    /** The chunks the artifact holds, how many were embedded now and how many reused. */
    void vectors(int chunkCount, int embeddedNow, int reusedCount) {
        chunks = chunkCount;
        embedded = embeddedNow;
        reused = reusedCount;
    }

    int docs() {
        return docs;
    }

    List<SkippedUrl> skippedUrls() {
        return skipped;
    }

    List<String> staleUrls() {
        return staleUrls;
    }

    EntryReport succeeded() {
        return new EntryReport(entry, true, null, docs, chunks, embedded, reused, notModified, List.copyOf(skipped),
            List.copyOf(includeProblems), seconds());
    }

    /** A failed entry reports what it skipped and the include problems met, and no counts. */
    EntryReport failed(String why) {
        return new EntryReport(entry, false, why, 0, 0, 0, 0, 0, List.copyOf(skipped), List.copyOf(includeProblems),
            seconds());
    }

    ScrapeState state(ArtifactIdentity identity, String createdAt, String updatedAt, String runId) {
        return new ScrapeState(entry.libId(), entry.version(), entry.kind().yamlName(), entry.ref(), entry.fingerprint(),
            entry.cacheKey(), identity, entry.urls().size(), docs, chunks, embedded, reused, notModified, skipped,
            includeProblems, staleUrls, createdAt, updatedAt, runId);
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
