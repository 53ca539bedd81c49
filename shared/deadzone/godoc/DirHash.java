package deadzone.godoc;

import deadzone.util.Hashes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Go's "h1:" directory hash (golang.org/x/mod/sumdb/dirhash Hash1), the hash go.sum and the
 * checksum database record for a module zip: the SHA-256 of one line per file,
 * {@code "<sha256 hex of content>  <file name>\n"}, files sorted by name (byte order), base64.
 * For a zip, the names are the entries' full names, {@code <module>@<version>/} prefix included.
 */
final class DirHash {
    private record FileHash(String name, byte[] utf8Name, String sha256Hex) {
    }

    private final List<FileHash> files = new ArrayList<>();

    /** Adds one file by the hex SHA-256 of its content. */
    void add(String name, String sha256Hex) throws ModuleSourceException {
        if (name.indexOf('\n') >= 0) {
            throw new ModuleSourceException("file names with newlines cannot be hashed: " + name.replace("\n", "\\n"));
        }
        files.add(new FileHash(name, name.getBytes(StandardCharsets.UTF_8), sha256Hex));
    }

    String h1() {
        List<FileHash> sorted = new ArrayList<>(files);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.utf8Name(), b.utf8Name()));
        MessageDigest summary = Hashes.sha256();
        for (FileHash f : sorted) {
            summary.update((f.sha256Hex() + "  " + f.name() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
    }
}
