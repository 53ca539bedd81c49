package deadzone.cache;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Folder moves and removal for the restore, never following symbolic links. */
final class Folders {
    private Folders() {
    }

    /**
     * Puts {@code fresh} in place of {@code target} by renames in one parent file system:
     * the previous folder is moved aside into {@code aside} first and moved back if the second
     * rename fails, so a failure never loses it. The caller deletes {@code aside} afterwards.
     */
    static void swap(Path fresh, Path target, Path aside) throws IOException {
        boolean hadPrevious = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (hadPrevious) {
            move(target, aside);
        }
        try {
            move(fresh, target);
        } catch (IOException e) {
            if (hadPrevious) {
                move(aside, target);
            }
            throw e;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Removes a tree; links are removed, not followed. Read-only folders are made writable first. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                try {
                    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
                    perms.addAll(Files.getPosixFilePermissions(dir));
                    if (perms.addAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE))) {
                        Files.setPosixFilePermissions(dir, perms);
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // best effort: deleting may still work
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
