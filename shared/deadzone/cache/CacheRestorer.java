package deadzone.cache;

import deadzone.artifact.ArtifactIdentity;
import deadzone.artifact.ArtifactLayout;
import deadzone.artifact.ModelPin;
import deadzone.artifact.ScrapeState;
import deadzone.artifact.StateFile;
import deadzone.error.UserException;
import deadzone.log.Log;
import deadzone.registry.MatrixJson.Slot;
import deadzone.util.Failures;
import deadzone.util.Trees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The fan-in: restores every slot's artifact cache into {@code <artifacts>/<slug>/} the way
 * {@code actions/cache} would have, and says for each what it got (scraped, cached, stale, failed).
 * A restore is all or nothing: the archive is downloaded and extracted beside the target and only
 * then swapped in, so a failure leaves any previous folder exactly as it was (docs/workflow.md, "The fan-in").
 */
public final class CacheRestorer {
    private final CacheServiceClient client;
    private final ArtifactLayout artifacts;
    private final String runId;

    /** @param runId GITHUB_RUN_ID of this run, "" when not in a workflow */
    public CacheRestorer(CacheServiceClient client, Path artifactsDir, String runId) {
        this.client = client;
        this.artifacts = new ArtifactLayout(artifactsDir);
        this.runId = runId == null ? "" : runId;
    }

    /** Refuses slots that could name a folder outside the artifacts folder, or the same folder twice. */
    public static void validate(List<Slot> slots) {
        Set<String> seen = new HashSet<>();
        for (Slot slot : slots) {
            String slug = slot.slug();
            if (slug.isEmpty() || slug.contains("/") || slug.contains("\\") || slug.startsWith(".")) {
                throw new UserException("--libs: slot " + slot.libId() + " has the slug '" + slug
                    + "', which is not a plain folder name; pass the output of ListLibs");
            }
            if (!seen.add(slug)) {
                throw new UserException("--libs: the slug '" + slug + "' appears twice; pass the output of ListLibs");
            }
            String path = slot.cachePath();
            boolean inside;
            try {
                inside = !path.startsWith("/") && !CacheArchive.segments(path, "cache_path").isEmpty();
            } catch (UnsafeArchiveException e) {
                inside = false;
            }
            if (!inside) {
                throw new UserException("--libs: slot " + slot.libId() + " has the cache_path '" + path
                    + "', which is not a folder inside the workspace; pass the output of ListLibs");
            }
        }
    }

    /** Restores every slot with at most {@code parallel} at a time; results in slot order. */
    public List<RestoreResult> restoreAll(List<Slot> slots, int parallel) throws IOException, InterruptedException {
        Files.createDirectories(artifacts.root());
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<RestoreResult>> running = new ArrayList<>();
            for (Slot slot : slots) {
                running.add(pool.submit(() -> restore(slot)));
            }
            List<RestoreResult> results = new ArrayList<>();
            for (Future<RestoreResult> future : running) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime; // CacheAccessDenied: the whole run stops
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
            // Let interrupted restores remove their work folders before the caller exits.
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** One slot; never throws for a problem of that slot alone (it becomes a failed result). */
    public RestoreResult restore(Slot slot) throws InterruptedException {
        Path target = artifacts.folder(slot.slug());
        Optional<ScrapeState> present = StateFile.read(ArtifactLayout.stateIn(target));
        if (present.isPresent() && present.get().scrapedBy(runId)) {
            // Scraped in this very run and already here (a local run, or a restore done twice).
            return report(new RestoreResult(slot, RestoreStatus.SCRAPED, null, present.get().chunkCount(), null));
        }
        String key = slot.cacheKey();
        String version = CacheVersion.of(slot.cachePath());
        try {
            Optional<CacheServiceClient.Hit> hit = client.lookup(key, List.of(), version)
                .filter(h -> h.matchedKey().equalsIgnoreCase(key)); // the toolkit's cache-hit rule
            if (hit.isEmpty()) {
                hit = client.lookup(key, List.of(slot.cacheKeyPrefix()), version);
            }
            if (hit.isEmpty()) {
                return report(RestoreResult.failed(slot, "no cache entry for " + key
                    + " nor any older " + slot.cacheKeyPrefix() + "* (was the library ever scraped?)"));
            }
            String matched = hit.get().matchedKey();
            boolean exact = matched.equalsIgnoreCase(key);
            Optional<String> refused = install(slot, hit.get(), target, exact);
            if (refused.isPresent()) {
                return report(RestoreResult.failed(slot, "no entry for " + key + "; the older " + matched
                    + " cannot be merged: " + refused.get()));
            }
            Optional<ScrapeState> state = StateFile.read(ArtifactLayout.stateIn(target));
            long docs = state.map(ScrapeState::chunkCount).orElse(0);
            if (!exact) {
                return report(new RestoreResult(slot, RestoreStatus.STALE, matched, docs,
                    "no entry for " + key + "; restored the older " + matched));
            }
            RestoreStatus status = state.isPresent() && state.get().scrapedBy(runId)
                ? RestoreStatus.SCRAPED : RestoreStatus.CACHED;
            return report(new RestoreResult(slot, status, matched, docs, null));
        } catch (CacheServiceException e) {
            return report(RestoreResult.failed(slot, e.getMessage()));
        } catch (UnsafeArchiveException e) {
            return report(RestoreResult.failed(slot, "refused the archive: " + e.getMessage()
                + "; nothing was written"));
        } catch (IOException e) {
            return report(RestoreResult.failed(slot, "could not restore " + slot.cachePath() + ": " + Failures.describe(e)));
        }
    }

    /**
     * Download and extract beside the target, then swap the whole folder in. An older entry
     * (not {@code exact}) is swapped in only if Consolidate could merge it; otherwise the reason,
     * and the target is left as it was.
     */
    private Optional<String> install(Slot slot, CacheServiceClient.Hit hit, Path target, boolean exact)
        throws IOException, CacheServiceException, InterruptedException {
        Path work = Files.createTempDirectory(artifacts.root(), ".restore-" + slot.slug() + "-");
        try {
            Path archive = work.resolve("cache.tzst");
            long started = System.nanoTime();
            long bytes = client.download(hit.signedDownloadUrl(), archive);
            Log.info("cache_downloaded", "lib_id", slot.libId(), "version", slot.version(), "key", hit.matchedKey(),
                "bytes", bytes, "ms", (System.nanoTime() - started) / 1_000_000);
            Path fresh = Files.createDirectory(work.resolve(slot.slug()));
            CacheArchive.extract(archive, slot.cachePath(), fresh);
            if (!exact) {
                // An older entry may predate a pipeline bump or come from another model: restoring
                // it would only make Consolidate refuse it for everyone.
                Optional<String> refused = StateFile.read(ArtifactLayout.stateIn(fresh))
                    .map(s -> s.identity().mismatchWith(ArtifactIdentity.current(ModelPin.DEFAULT)).map(m -> "it " + m))
                    .orElse(Optional.of("it has no state.yaml"));
                if (refused.isPresent()) {
                    return refused;
                }
            }
            Folders.swap(fresh, target, work.resolve("previous"));
            return Optional.empty();
        } finally {
            Trees.delete(work);
        }
    }

    private static RestoreResult report(RestoreResult r) {
        Slot s = r.slot();
        switch (r.status()) {
            case FAILED -> Log.error("restore_failed", s.libId() + label(s) + ": " + r.reason(),
                "lib_id", s.libId(), "version", s.version());
            case STALE -> Log.warn("restore_stale", s.libId() + label(s) + ": " + r.reason(),
                "lib_id", s.libId(), "version", s.version(), "matched_key", r.matchedKey());
            default -> Log.info("restored", "lib_id", s.libId(), "version", s.version(),
                "status", r.status().label(), "matched_key", r.matchedKey(), "docs", r.docs());
        }
        return r;
    }

    private static String label(Slot s) {
        return s.version().isEmpty() ? "" : "@" + s.version();
    }
}
