package deadzone.scrape;

import deadzone.artifact.SkippedUrl;
import deadzone.registry.ResolvedEntry;

import java.util.List;

/** How one entry's scrape went: its counts, and the reason when it failed. */
public record EntryReport(
    ResolvedEntry entry,
    boolean succeeded,
    String failure,
    int docs,
    int chunks,
    int embedded,
    int reused,
    int notModified,
    List<SkippedUrl> skipped,
    List<String> includeProblems,
    double seconds) {
}
