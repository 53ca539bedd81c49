//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Opening SQLite files the way the suite needs them (publishing them is AtomicFiles). */
public final class Sqlite {
    private Sqlite() {
    }

    /** A read-only connection; never creates the file. */
    public static Connection openReadOnly(Path file) throws SQLException {
        Properties props = new Properties();
        props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), props);
    }

    /** What SQLite said, for one line of a message: its first line, without the {@code [SQLITE_CODE]} prefix. */
    public static String reason(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return message.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "").strip();
    }

    /**
     * A connection to a scratch file that is being built: no journal and no fsync while
     * writing, because the file only becomes visible once complete (AtomicFiles.publish).
     */
    public static Connection openScratch(Path file) throws SQLException {
        Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA journal_mode=OFF");
            st.execute("PRAGMA synchronous=OFF");
            // temp_store stays FILE: VACUUM copies the whole database through it, and memory
            // must not grow with the corpus.
            st.execute("PRAGMA cache_size=-65536");
        }
        return conn;
    }
}
