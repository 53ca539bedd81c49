package deadzone.registry;

import java.nio.charset.StandardCharsets;

/** Folder and cache-key names for a (lib_id, version), as the Go tool spelled them. */
public final class Slugs {
    /**
     * A slug is a folder name (at most 255 bytes on every file system, and RestoreCaches adds about
     * 30 around it for its work folder) and part of a cache key: 200 bytes leaves room for both.
     */
    public static final int MAX_BYTES = 200;

    private Slugs() {
    }

    /** The slug's length in UTF-8 bytes, as a file system and the cache service count it. */
    public static int bytes(String slug) {
        return slug.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The first character of {@code text} that a folder name, a cache key or a log line must not
     * hold (controls, format characters such as bidirectional overrides, separators, private-use,
     * unassigned or unpaired surrogates), as its index; -1 when every character is printable.
     */
    public static int firstUnprintable(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** {@code text} with its unprintable characters written as backslash-u and four hex digits, so a message can show it. */
    public static String printable(String text) {
        if (firstUnprintable(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String one = new String(Character.toChars(cp));
            if (firstUnprintable(one) < 0) {
                out.append(one);
            } else {
                for (char c : one.toCharArray()) {
                    out.append(String.format("\\u%04X", (int) c));
                }
            }
        });
        return out.toString();
    }

    /** {@code /modelcontextprotocol/go-sdk} 1.4 becomes {@code modelcontextprotocol_go-sdk_1.4}. */
    public static String slug(String libId, String version) {
        String base = libId.substring(1).replace('/', '_');
        return version.isEmpty() ? base : base + "_" + version;
    }
}
