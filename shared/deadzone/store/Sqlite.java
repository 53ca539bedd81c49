//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Opening SQLite files the way the suite needs them, and publishing a finished one atomically. */
public final class Sqlite {
    private Sqlite() {
    }

    /** A read-only connection; never creates the file. */
    public static Connection openReadOnly(Path file) throws SQLException {
        Properties props = new Properties();
        props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), props);
    }

    /**
     * A connection to a scratch file that is being built: no journal and no fsync while
     * writing, because the file only becomes visible through {@link #publish} once complete.
     */
    public static Connection openScratch(Path file) throws SQLException {
        Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA journal_mode=OFF");
            st.execute("PRAGMA synchronous=OFF");
            st.execute("PRAGMA temp_store=MEMORY");
            st.execute("PRAGMA cache_size=-65536");
        }
        return conn;
    }

    /** Creates every table of the shared schema. */
    public static void createSchema(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (String ddl : Schema.DDL) {
                st.execute(ddl);
            }
        }
    }

    /** A scratch path beside {@code target}, so the final rename stays within one file system. */
    public static Path scratchBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return readableByAll(Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp"));
    }

    /** Temp files start as 0600; a published database or artifact is an ordinary 0644 file. */
    public static Path readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        return file;
    }

    /** Removes scratch files of {@code target} that a killed run left behind (never the target itself). */
    public static void removeLeftoverScratch(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".";
        try (java.nio.file.DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Flushes the finished file to disk and renames it over {@code target} in one step. */
    public static void publish(Path scratch, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
