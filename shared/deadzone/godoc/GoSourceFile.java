package deadzone.godoc;

import java.nio.charset.StandardCharsets;

/**
 * One Go source file of a package directory: its file name (no directory, e.g. {@code reader.go})
 * and its text. {@link #ofBytes} decodes what a download or a zip entry gave.
 */
public record GoSourceFile(String name, String text) {
    public GoSourceFile {
        if (name == null || name.isEmpty() || text == null) {
            throw new IllegalArgumentException("a Go source file needs a name and a text");
        }
    }

    /** UTF-8 bytes as a source file (bytes that are not UTF-8 become U+FFFD, as Go source must be UTF-8). */
    public static GoSourceFile ofBytes(String name, byte[] bytes) {
        return new GoSourceFile(name, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Whether the go command would treat the file as a test file. */
    public boolean isTest() {
        return name.endsWith("_test.go");
    }
}
