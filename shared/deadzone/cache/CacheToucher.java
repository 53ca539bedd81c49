package deadzone.cache;

import deadzone.log.Log;
import deadzone.registry.MatrixJson.Slot;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The keep-alive (docs/workflow.md, "Keeping the caches warm"): asks the cache service for every
 * slot's entry exactly as a restore would, and downloads nothing. The service hands out the
 * signed download URL only through that lookup (the blob itself is fetched from storage, out of
 * its sight), so the lookup is the use that counts against the 7-day eviction.
 */
public final class CacheToucher {
    /** What the service had for one slot. */
    public enum Touch {
        /** The exact cache key: the next run restores it and scrapes nothing. */
        HIT,
        /** Only an older entry of the slug: the next run scrapes, reusing its vectors. */
        OLDER,
        /** Nothing: the next run scrapes the library from scratch. */
        MISS,
        /** The lookup itself failed (after retries). */
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One slot's outcome; {@code matchedKey} and {@code reason} may be null. */
    public record Result(Slot slot, Touch touch, String matchedKey, String reason) {
    }

    private final CacheServiceClient client;

    public CacheToucher(CacheServiceClient client) {
        this.client = client;
    }

    public List<Result> touchAll(List<Slot> slots, int parallel) throws InterruptedException {
        return SlotPool.inOrder(slots, parallel, this::touch);
    }

    public Result touch(Slot slot) throws InterruptedException {
        Result result;
        try {
            Optional<CacheServiceClient.Hit> hit = CacheRestorer.lookup(client, slot);
            if (hit.isEmpty()) {
                result = new Result(slot, Touch.MISS, null, null);
            } else {
                String matched = hit.get().matchedKey();
                result = new Result(slot, matched.equalsIgnoreCase(slot.cacheKey()) ? Touch.HIT : Touch.OLDER, matched, null);
            }
        } catch (CacheServiceException e) {
            result = new Result(slot, Touch.FAILED, null, e.getMessage());
        }
        Log.info("cache_touched", "lib_id", slot.libId(), "version", slot.version(), "touch", result.touch().label(),
            "matched_key", result.matchedKey());
        return result;
    }
}
