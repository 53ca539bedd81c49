package deadzone.registry;

import deadzone.artifact.ArtifactLayout;
import deadzone.artifact.Kind;
import java.util.List;

/**
 * One (lib_id, version) to scrape: the unit of a matrix slot, an artifact and a cache entry.
 * {@code version} is "" for a library without versions, never null.
 */
public record ResolvedEntry(
    String libId,
    String version,
    Kind kind,
    String ref,
    List<String> urls,
    String description,
    String slug,
    String fingerprint) {

    public static final String CACHE_KEY_PREFIX = "artifact-";

    /** The actions/cache key: changes exactly when this entry's artifact would change. */
    public String cacheKey() {
        return cacheKeyPrefix() + fingerprint;
    }

    /** What restore-keys uses to find an older artifact of the same slot. */
    public String cacheKeyPrefix() {
        return CACHE_KEY_PREFIX + slug + "-";
    }

    /** The cache step's {@code path:} text, exactly; the cache service's version hashes it. */
    public String cachePath() {
        return ArtifactLayout.cachePath(slug);
    }

    /** "lib_id" or "lib_id@version", for logs and messages. */
    public String label() {
        return version.isEmpty() ? libId : libId + "@" + version;
    }
}
