package deadzone.scrape;

import deadzone.artifact.SkippedUrl;
import deadzone.log.Log;
import deadzone.registry.ResolvedEntry;
import deadzone.store.PreviousArtifact;
import deadzone.util.Failures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scrapes several entries with bounded parallelism. The versions of one library run one after
 * the other on the same worker and share a {@link VectorReuse}, so a second version embeds only
 * what changed; different libraries run side by side and share the one embedder.
 */
public final class ScrapeRun {
    private ScrapeRun() {
    }

    /**
     * Scrapes {@code entries}; {@code registry} is every entry of the registry, so that the
     * artifacts of versions left out by a filter still lend their vectors.
     */
    public static List<EntryReport> run(List<ResolvedEntry> entries, List<ResolvedEntry> registry,
                                        EntryScraper.Tools tools, int parallel) throws InterruptedException {
        Map<String, List<ResolvedEntry>> byLib = new LinkedHashMap<>();
        for (ResolvedEntry e : entries) {
            byLib.computeIfAbsent(e.libId(), k -> new ArrayList<>()).add(e);
        }
        EntryScraper scraper = new EntryScraper(tools);
        AtomicInteger done = new AtomicInteger();
        int total = entries.size();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, byLib.size())));
        try {
            List<Future<List<EntryReport>>> futures = new ArrayList<>();
            for (List<ResolvedEntry> versions : byLib.values()) {
                futures.add(pool.submit(() -> {
                    // Every version's current artifact lends its vectors to all of them, scraped
                    // now or not (a --version run still reuses what its siblings embedded).
                    Map<ResolvedEntry, Optional<PreviousArtifact>> previous = new LinkedHashMap<>();
                    VectorReuse reuse = new VectorReuse();
                    for (ResolvedEntry e : registry) {
                        if (e.libId().equals(versions.get(0).libId())) {
                            previous.put(e, scraper.previousOf(e));
                            previous.get(e).ifPresent(p -> reuse.addAll(p.vectorsByInput()));
                        }
                    }
                    List<EntryReport> reports = new ArrayList<>();
                    for (ResolvedEntry e : versions) {
                        Log.group(e.label());
                        Log.info("entry_start", "entry", (done.get() + 1) + "/" + total, "lib_id", e.libId(),
                            "version", e.version(), "urls", e.urls().size());
                        EntryReport r = scraper.scrape(e, reuse, previous.getOrDefault(e, Optional.empty()));
                        log(r, done.incrementAndGet(), total);
                        Log.endGroup();
                        reports.add(r);
                    }
                    return reports;
                }));
            }
            Map<ResolvedEntry, EntryReport> byEntry = new LinkedHashMap<>();
            for (Future<List<EntryReport>> f : futures) {
                for (EntryReport r : f.get()) {
                    byEntry.put(r.entry(), r);
                }
            }
            List<EntryReport> ordered = new ArrayList<>();
            for (ResolvedEntry e : entries) {
                ordered.add(byEntry.get(e));
            }
            return ordered;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a scrape worker crashed: " + Failures.describe(e.getCause()), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void log(EntryReport r, int done, int total) {
        double rate = r.seconds() > 0 ? r.docs() / r.seconds() : 0;
        if (r.succeeded()) {
            Log.info("entry_done", "entry", done + "/" + total, "lib_id", r.entry().libId(), "version", r.entry().version(),
                "docs", r.docs(), "chunks", r.chunks(), "embedded", r.embedded(), "reused", r.reused(),
                "not_modified", r.notModified(), "skipped", r.skipped().size(), "seconds", Math.round(r.seconds() * 10) / 10.0,
                "docs_per_s", Math.round(rate * 10) / 10.0);
            for (SkippedUrl s : r.skipped()) {
                Log.warn("url_skipped", r.entry().label() + ": skipped " + s.url() + ": " + s.reason());
            }
        } else {
            Log.error("entry_failed", r.entry().label() + ": " + r.failure() + " (previous artifact left untouched)");
        }
    }
}
