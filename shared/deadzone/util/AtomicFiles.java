package deadzone.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Every file the suite writes goes through here: built in a scratch file beside its target,
 * flushed, then renamed over it in one step. A failure or a kill never leaves half a file and
 * never destroys the previous one; a later run sweeps up the scratch a kill left.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** A scratch path beside {@code target} (same file system, so the rename is atomic), mode 0644. */
    public static Path scratchBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path scratch = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        // Temp files start as 0600; what we publish is an ordinary file others may read.
        if (scratch.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return scratch;
    }

    /** Flushes the finished scratch file to disk and renames it over {@code target}. */
    public static void publish(Path scratch, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes {@code text} as UTF-8 to {@code target}, all or nothing. */
    public static void writeString(Path target, String text) throws IOException {
        Path scratch = scratchBeside(target);
        try {
            Files.writeString(scratch, text, StandardCharsets.UTF_8);
            publish(scratch, target);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** Removes the scratch files of {@code target} that a killed run left behind (never the target itself). */
    public static void removeLeftoverScratch(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
            }
        }
    }
}
