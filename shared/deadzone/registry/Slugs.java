package deadzone.registry;

/** Folder and cache-key names for a (lib_id, version), as the Go tool spelled them. */
public final class Slugs {
    private Slugs() {
    }

    /** {@code /modelcontextprotocol/go-sdk} 1.4 becomes {@code modelcontextprotocol_go-sdk_1.4}. */
    public static String slug(String libId, String version) {
        String base = libId.substring(1).replace('/', '_');
        return version.isEmpty() ? base : base + "_" + version;
    }
}
