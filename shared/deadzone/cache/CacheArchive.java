//DEPS com.github.luben:zstd-jni:1.5.7-28
//DEPS org.apache.commons:commons-compress:1.28.0
package deadzone.cache;

import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extracts an {@code actions/cache} archive in-process: a zstd-compressed PAX tar whose names are
 * relative to the saving job's workspace ({@code artifacts/<slug>/...}). Only the tree under the
 * entry's cache path is accepted, and it is written into a destination folder standing for that
 * path, keeping file modes, mtimes and symbolic links like GNU tar would.
 *
 * <p>Anything that could write or point outside is refused, and with it the whole archive:
 * absolute names, {@code ..} segments, names outside the cache path (another slug), entries that
 * pass through a symbolic link, link targets that leave the tree (checked by name, then again on
 * disk once every link exists, so chains of links cannot escape either), devices and FIFOs. So is
 * an archive that holds more than its {@link ExtractLimits} (bytes of content, entries): a small
 * archive can expand to gigabytes.
 */
public final class CacheArchive {
    private CacheArchive() {
    }

    /**
     * @param cachePath   the cache step's path text ({@code artifacts/<slug>}), relative to the workspace
     * @param destination an existing empty folder that receives what the archive holds under cachePath
     */
    public static void extract(Path archive, String cachePath, Path destination) throws IOException {
        extract(archive, cachePath, destination, ExtractLimits.DEFAULTS);
    }

    /** {@link #extract(Path, String, Path)}, refusing an archive that holds more than {@code limits}. */
    public static void extract(Path archive, String cachePath, Path destination, ExtractLimits limits) throws IOException {
        List<String> root = segments(cachePath, "the cache path");
        if (root.isEmpty()) {
            throw new UnsafeArchiveException("the cache path '" + cachePath + "' names the workspace itself");
        }
        new Extraction(root, destination, limits).run(archive);
    }

    private static final class Extraction {
        private final List<String> root;
        private final String rootText;
        private final Path destination;
        private final boolean posix;
        private final List<Path> links = new ArrayList<>();
        private final Map<Path, TarArchiveEntry> directories = new LinkedHashMap<>();
        private final ExtractLimits limits;
        private long bytes;
        private int entries;

        Extraction(List<String> root, Path destination, ExtractLimits limits) {
            this.root = root;
            this.limits = limits;
            this.rootText = String.join("/", root) + "/";
            this.destination = destination;
            this.posix = destination.getFileSystem().supportedFileAttributeViews().contains("posix");
        }

        void run(Path archive) throws IOException {
            try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                 TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(file))) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    extract(entry, tar);
                }
            }
            Path realRoot = destination.toRealPath();
            for (Path link : links) {
                if (!physicalTarget(link).startsWith(realRoot)) {
                    throw new UnsafeArchiveException("symbolic link '" + destination.relativize(link)
                        + "' resolves outside " + rootText + " through other links");
                }
            }
            // Deepest first, and after every file: writing into a folder changes its mtime.
            List<Path> folders = new ArrayList<>(directories.keySet());
            folders.sort(Comparator.comparingInt(Path::getNameCount).reversed());
            for (Path folder : folders) {
                applyMode(folder, directories.get(folder));
                Files.setLastModifiedTime(folder, mtime(directories.get(folder)));
            }
        }

        private void extract(TarArchiveEntry entry, InputStream content) throws IOException {
            String name = entry.getName();
            if (++entries > limits.maxEntries()) {
                throw new UnsafeArchiveException("it holds more than " + limits.maxEntries()
                    + " entries (raise --max-extract-entries if an artifact really needs more)");
            }
            if (entry.isFile() && !entry.isSymbolicLink() && !entry.isLink()) {
                bytes += Math.max(0, entry.getSize());
                if (bytes > limits.maxBytes()) {
                    throw new UnsafeArchiveException("it expands to more than " + (limits.maxBytes() >> 20)
                        + " MiB (raise --max-extract-mib if an artifact really is that large)");
                }
            }
            List<String> relative = insideRoot(name);
            Path target = resolve(relative, name);
            if (entry.isDirectory()) {
                if (Files.isSymbolicLink(target)) {
                    throw new UnsafeArchiveException("folder entry '" + name + "' would replace a symbolic link");
                }
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(target);
                }
                Files.createDirectories(target);
                directories.put(target, entry);
                return;
            }
            if (relative.isEmpty()) {
                throw new UnsafeArchiveException("entry '" + name + "' is the cache path itself but not a folder");
            }
            if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO() || entry.isGNUSparse()) {
                throw new UnsafeArchiveException("entry '" + name + "' is a device, FIFO or sparse file, which an artifact never holds");
            }
            Files.createDirectories(target.getParent());
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafeArchiveException("entry '" + name + "' would replace a folder");
            }
            Files.deleteIfExists(target); // a later entry replaces an earlier one, as with tar; never follows a link
            if (entry.isSymbolicLink()) {
                String linkText = entry.getLinkName();
                checkLinkText(relative, linkText, name);
                Files.createSymbolicLink(target, Path.of(linkText));
                links.add(target);
                setLinkTime(target, mtime(entry));
            } else if (entry.isLink()) {
                String linkName = entry.getLinkName();
                Path existing = resolve(insideRoot(linkName), linkName);
                if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UnsafeArchiveException("hard link '" + name + "' points to '" + linkName
                        + "', which is not a file extracted before it");
                }
                Files.createLink(target, existing);
            } else if (entry.isFile()) {
                Files.copy(content, target);
                applyMode(target, entry);
                Files.setLastModifiedTime(target, mtime(entry));
            } else {
                throw new UnsafeArchiveException("entry '" + name + "' has an unsupported type");
            }
        }

        /** The entry's segments below the cache path; anything else is refused. */
        private List<String> insideRoot(String name) throws UnsafeArchiveException {
            if (name.startsWith("/")) {
                throw new UnsafeArchiveException("entry '" + name + "' has an absolute path");
            }
            List<String> parts = segments(name, "entry '" + name + "'");
            if (parts.size() < root.size() || !parts.subList(0, root.size()).equals(root)) {
                throw new UnsafeArchiveException("entry '" + name + "' is outside " + rootText);
            }
            return parts.subList(root.size(), parts.size());
        }

        /** The path in the destination, refusing to pass through a link (the link could point anywhere). */
        private Path resolve(List<String> relative, String name) throws UnsafeArchiveException {
            Path path = destination;
            try {
                for (int i = 0; i < relative.size(); i++) {
                    if (i > 0 && Files.isSymbolicLink(path)) {
                        throw new UnsafeArchiveException("entry '" + name + "' passes through the symbolic link '"
                            + destination.relativize(path) + "'");
                    }
                    path = path.resolve(relative.get(i));
                }
            } catch (InvalidPathException e) {
                throw new UnsafeArchiveException("entry '" + name + "' is not a valid path here");
            }
            return path;
        }

        /** A relative target whose name, taken from the link's folder, stays under the cache path. */
        private void checkLinkText(List<String> relative, String linkText, String name) throws UnsafeArchiveException {
            if (linkText == null || linkText.isEmpty() || linkText.startsWith("/")) {
                throw new UnsafeArchiveException("symbolic link '" + name + "' points to an absolute or empty path '"
                    + linkText + "'");
            }
            List<String> resolved = new ArrayList<>(root);
            resolved.addAll(relative.subList(0, relative.size() - 1));
            for (String part : linkText.split("/")) {
                if (part.isEmpty() || part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    if (resolved.size() <= root.size()) {
                        throw new UnsafeArchiveException("symbolic link '" + name + "' points outside " + rootText
                            + " ('" + linkText + "')");
                    }
                    resolved.remove(resolved.size() - 1);
                } else {
                    resolved.add(part);
                }
            }
        }

        /**
         * Where the link leads on disk: the longest existing prefix of its target resolved by the
         * operating system (which follows every link and applies '..' physically), plus the rest.
         */
        private static Path physicalTarget(Path link) throws IOException {
            Path unresolved = link.getParent().resolve(Files.readSymbolicLink(link));
            for (int i = unresolved.getNameCount(); i > 0; i--) {
                Path prefix = unresolved.getRoot().resolve(unresolved.subpath(0, i));
                Path real;
                try {
                    real = prefix.toRealPath();
                } catch (IOException missingOrLoop) {
                    continue;
                }
                return i == unresolved.getNameCount()
                    ? real
                    : real.resolve(unresolved.subpath(i, unresolved.getNameCount())).normalize();
            }
            return unresolved.normalize();
        }

        private void applyMode(Path path, TarArchiveEntry entry) throws IOException {
            if (posix) {
                Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            }
        }

        private static FileTime mtime(TarArchiveEntry entry) {
            FileTime time = entry.getLastModifiedTime();
            return time != null ? time : FileTime.fromMillis(0);
        }

        private static void setLinkTime(Path link, FileTime time) {
            try {
                Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(time, null, null);
            } catch (IOException | UnsupportedOperationException e) {
                // a link's own mtime is cosmetic; some platforms cannot set it
            }
        }
    }

    /** Path segments without "" and "."; ".." is refused outright (an artifact never needs it). */
    static List<String> segments(String path, String what) throws UnsafeArchiveException {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new UnsafeArchiveException(what + " contains '..'");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
