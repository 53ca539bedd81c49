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

/** A folder tree as comparable text: one line per entry with type, mode, content hash or link target, mtime. */
public final class FileTrees {
    private FileTrees() {
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
