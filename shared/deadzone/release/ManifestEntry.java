package deadzone.release;

/**
 * One (lib_id, version) of a database as its manifest describes it (docs/workflow.md, "The
 * manifest"): {@code contentSha256} is the sha256 over its chunks' text hashes in document order,
 * so it changes exactly when the text readers get changes; {@code restore} is the RestoreCaches
 * status (scraped, cached, stale), or null when Consolidate was given no report.
 */
public record ManifestEntry(String libId, String version, String kind, String ref, String fingerprint, long docs,
                            long chunks, String contentSha256, String scrapedAt, String restore) {
    public EntryKey key() {
        return new EntryKey(libId, version);
    }
}
