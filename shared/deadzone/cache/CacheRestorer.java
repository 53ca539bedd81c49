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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fan-in: restores every slot's artifact cache into {@code <artifacts>/<slug>/} the way
 * {@code actions/cache} would have, and says for each what it got (scraped, cached, stale, failed).
 * A restore is all or nothing: the archive is downloaded and extracted beside the target and only
 * then swapped in, so a failure leaves any previous folder exactly as it was (docs/workflow.md, "The fan-in").
 */
public final class CacheRestorer {
    /** The prefix of the work folders restores download and extract into, beside the artifacts. */
    static final String WORK_PREFIX = ".restore-";

    private final CacheServiceClient client;
    private final ArtifactLayout artifacts;
    private final String runId;
    private final ExtractLimits limits;

    /** @param runId GITHUB_RUN_ID of this run, "" when not in a workflow */
    public CacheRestorer(CacheServiceClient client, Path artifactsDir, String runId) {
        this(client, artifactsDir, runId, ExtractLimits.DEFAULTS);
    }

    public CacheRestorer(CacheServiceClient client, Path artifactsDir, String runId, ExtractLimits limits) {
        this.client = client;
        this.artifacts = new ArtifactLayout(artifactsDir);
        this.runId = runId == null ? "" : runId;
        this.limits = limits;
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
        removeLeftoverWork();
        return SlotPool.inOrder(slots, parallel, this::restore);
    }

    /**
     * A run that was killed leaves its work folders (a downloaded archive, a half-extracted tree:
     * hundreds of MB); none can belong to a live run, since one run restores into a folder at a time.
     */
    private void removeLeftoverWork() throws IOException {
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(artifacts.root())) {
            leftovers = entries.filter(p -> p.getFileName().toString().startsWith(WORK_PREFIX)
                && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path leftover : leftovers) {
            Trees.delete(leftover);
            Log.info("restore_leftover_removed", "folder", leftover.getFileName().toString());
        }
    }

    /** One slot; never throws for a problem of that slot alone (it becomes a failed result). */
    public RestoreResult restore(Slot slot) throws InterruptedException {
        try {
            return restoreOrThrow(slot);
        } catch (CacheAccessDenied denied) {
            throw denied; // the job cannot read the cache at all: the whole run stops
        } catch (RuntimeException e) {
            // One slot's surprise must not take the report of every other slot down with it.
            Log.debug("restore_exception", "lib_id", slot.libId(), "exception", e.toString());
            return report(RestoreResult.failed(slot, "unexpected error while restoring " + slot.cachePath()
                + " (run with --verbose for details)"));
        }
    }

    private RestoreResult restoreOrThrow(Slot slot) throws InterruptedException {
        Path target = artifacts.folder(slot.slug());
        Optional<ScrapeState> present = StateFile.read(ArtifactLayout.stateIn(target));
        if (present.isPresent() && present.get().scrapedBy(runId)) {
            // Scraped in this very run and already here (a local run, or a restore done twice).
            return report(new RestoreResult(slot, RestoreStatus.SCRAPED, null, present.get().chunkCount(), null));
        }
        String key = slot.cacheKey();
        try {
            Optional<CacheServiceClient.Hit> hit = lookup(client, slot);
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
     * The slot's entry as a restore finds it: its exact cache key (the toolkit's cache-hit rule:
     * the matched key is the key itself, ignoring case), else the newest older entry of its slug
     * through the restore key. Empty when neither exists.
     */
    static Optional<CacheServiceClient.Hit> lookup(CacheServiceClient client, Slot slot)
        throws CacheServiceException, InterruptedException {
        String key = slot.cacheKey();
        String version = CacheVersion.of(slot.cachePath());
        Optional<CacheServiceClient.Hit> hit = client.lookup(key, List.of(), version)
            .filter(h -> h.matchedKey().equalsIgnoreCase(key));
        return hit.isPresent() ? hit : client.lookup(key, List.of(slot.cacheKeyPrefix()), version);
    }

    /**
     * Download and extract beside the target, then swap the whole folder in. An older entry
     * (not {@code exact}) is swapped in only if Consolidate could merge it; otherwise the reason,
     * and the target is left as it was.
     */
    private Optional<String> install(Slot slot, CacheServiceClient.Hit hit, Path target, boolean exact)
        throws IOException, CacheServiceException, InterruptedException {
        Path work = Files.createTempDirectory(artifacts.root(), WORK_PREFIX + slot.slug() + "-");
        try {
            Path archive = work.resolve("cache.tzst");
            long started = System.nanoTime();
            long bytes = client.download(hit.signedDownloadUrl(), archive);
            Log.info("cache_downloaded", "lib_id", slot.libId(), "version", slot.version(), "key", hit.matchedKey(),
                "bytes", bytes, "ms", (System.nanoTime() - started) / 1_000_000);
            Path fresh = Files.createDirectory(work.resolve(slot.slug()));
            CacheArchive.extract(archive, slot.cachePath(), fresh, limits);
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
