package deadzone.cache;

/**
 * What one archive may extract to: at most {@code maxBytes} of file content and {@code maxEntries}
 * tar entries. An artifact is a folder, artifact.db and state.yaml; the defaults are far above any
 * real one and far below what a 74 KB archive can expand to (gigabytes of zeros).
 */
public record ExtractLimits(long maxBytes, int maxEntries) {
    public static final long DEFAULT_MAX_MIB = 1024;
    public static final int DEFAULT_MAX_ENTRIES = 1000;
    public static final ExtractLimits DEFAULTS = new ExtractLimits(DEFAULT_MAX_MIB << 20, DEFAULT_MAX_ENTRIES);

    public ExtractLimits {
        if (maxBytes < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("extraction limits must be positive");
        }
    }
}
