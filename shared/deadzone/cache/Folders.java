package deadzone.cache;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
}
