package support;

import deadzone.util.Hashes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Folder trees: as comparable text (one line per entry with type, mode, content hash or link target, mtime), and copied. */
public final class FileTrees {
    private FileTrees() {
    }

    /** Copies the tree {@code from} to {@code to} (which must not exist yet). */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Relative path ("" for the root) to a description; links are described, never followed. */
    public static Map<String, String> snapshot(Path root) {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                tree.put(root.relativize(p).toString().replace('\\', '/'), describe(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }

    private static String describe(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return "link -> " + Files.readSymbolicLink(p);
        }
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        String mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toString();
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "dir " + mode + " " + mtime;
        }
        return "file " + mode + " " + Files.size(p) + "B sha256=" + Hashes.sha256Hex(p) + " " + mtime;
    }
}
