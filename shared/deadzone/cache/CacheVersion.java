package deadzone.cache;

import deadzone.util.Hashes;

/**
 * The cache service's entry version, computed exactly as {@code @actions/cache} does on a Linux
 * runner with zstd: sha256 of the step's {@code path:} text, the compression method and the salt,
 * joined with '|'. A lookup only finds entries saved with the same version, so the path text must
 * match the workflow's byte for byte ("./artifacts/x" would be another version).
 */
public final class CacheVersion {
    static final String COMPRESSION = "zstd-without-long";
    static final String SALT = "1.0";

    private CacheVersion() {
    }

    public static String of(String cachePath) {
        return Hashes.sha256Hex(cachePath + "|" + COMPRESSION + "|" + SALT);
    }
}
