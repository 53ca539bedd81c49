package deadzone.release;

import deadzone.error.UserException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a database's manifest lives ({@code deadzone.db} → {@code deadzone.manifest.json} beside it) and reading it back. */
public final class ManifestFile {
    public static final String SUFFIX = ".manifest.json";

    private ManifestFile() {
    }

    /** {@code deadzone.db} → {@code deadzone.manifest.json}; a name without ".db" keeps it whole. */
    public static String nameFor(String dbName) {
        return (dbName.endsWith(".db") ? dbName.substring(0, dbName.length() - 3) : dbName) + SUFFIX;
    }

    public static Path pathFor(Path db) {
        return db.toAbsolutePath().resolveSibling(nameFor(db.getFileName().toString()));
    }

    /**
     * The manifest beside {@code db}, which must describe exactly that file ({@code sha256},
     * {@code size}); anything else is a {@link UserException} saying to run Consolidate again.
     */
    public static Manifest readFor(Path db, String sha256, long size) {
        Path file = pathFor(db);
        String fix = "; Consolidate writes it beside the database: run it again";
        Manifest manifest;
        try {
            manifest = Manifest.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UserException("no manifest " + file + " beside " + db + fix);
        } catch (IOException e) {
            throw new UserException("manifest " + file + " cannot be read (" + e.getMessage() + ")" + fix);
        } catch (IllegalArgumentException e) {
            throw new UserException("manifest " + file + " is not a deadzone manifest: " + e.getMessage() + fix);
        }
        if (!manifest.dbSha256().equalsIgnoreCase(sha256) || manifest.dbSize() != size) {
            throw new UserException("manifest " + file + " describes another database (sha256 "
                + abbreviate(manifest.dbSha256()) + ", " + manifest.dbSize() + " bytes; " + db.getFileName() + " has "
                + abbreviate(sha256) + ", " + size + " bytes)" + fix);
        }
        return manifest;
    }

    static String abbreviate(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }
}
