package deadzone.github;

import deadzone.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code <file>.sha256} beside a file, in the format {@code sha256sum -c} reads: {@code <hex>  <name>\n}. */
public final class ChecksumFile {
    private ChecksumFile() {
    }

    public static Path pathFor(Path file) {
        return file.toAbsolutePath().resolveSibling(file.getFileName() + ".sha256");
    }

    public static String line(Path file, String sha256Hex) {
        return sha256Hex + "  " + file.getFileName() + "\n";
    }

    /** Writes it through a temporary file and an atomic rename, so a reader never sees half a line. */
    public static Path write(Path file, String sha256Hex) throws IOException {
        Path target = pathFor(file);
        AtomicFiles.writeString(target, line(file, sha256Hex));
        return target;
    }
}
