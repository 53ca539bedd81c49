//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.store;

import deadzone.artifact.ArtifactIdentity;
import deadzone.artifact.Schema;
import deadzone.error.UserException;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a deadzone.db is fit to publish: a sound SQLite file (integrity_check), the
 * current schema, the meta rows every database carries, and at least one library and one doc.
 * Opened read-only, so checking never changes or creates the file.
 */
public final class DatabaseCheck {
    private DatabaseCheck() {
    }

    /** What the check saw, for logs and the release summary. */
    public record Summary(long libs, long docs, String schemaVersion, String pipelineVersion, String embedder) {
    }

    /** Throws {@link UserException} (one line: what is wrong and what to do) for anything unfit. */
    public static Summary verify(Path db) {
        String fix = "; rebuild it with Consolidate";
        long size;
        try {
            if (!Files.isRegularFile(db)) {
                throw new UserException("database " + db + " does not exist; build it with Consolidate or pass --db");
            }
            size = Files.size(db);
        } catch (IOException e) {
            throw new UserException("database " + db + " cannot be read: " + e.getMessage());
        }
        if (size == 0) {
            throw new UserException("database " + db + " is empty (0 bytes)" + fix);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), config.toProperties())) {
            List<String> problems = integrityProblems(c);
            if (!problems.isEmpty()) {
                throw new UserException("database " + db + " is corrupt (integrity_check: " + String.join("; ", problems)
                    + ")" + fix);
            }
            if (!hasTable(c, "meta") || !hasTable(c, "libs") || !hasTable(c, "docs")) {
                throw new UserException("database " + db + " is not a deadzone database (no meta, libs or docs table)" + fix);
            }
            String schema = meta(c, Schema.META_SCHEMA_VERSION);
            String pipeline = meta(c, Schema.META_PIPELINE_VERSION);
            String embedder = meta(c, Schema.META_EMBEDDER);
            // Any pipeline and model may be published (a --model-dir corpus too); the schema is what readers need.
            Optional<String> mismatch = new ArtifactIdentity(schema, pipeline, embedder)
                .mismatchWith(ArtifactIdentity.currentSchema());
            if (mismatch.isPresent()) {
                throw new UserException("database " + db + " " + mismatch.get() + fix);
            }
            if (pipeline == null || embedder == null) {
                throw new UserException("database " + db + " lacks the meta row "
                    + (pipeline == null ? Schema.META_PIPELINE_VERSION : Schema.META_EMBEDDER) + fix);
            }
            long libs = count(c, "libs");
            long docs = count(c, "docs");
            if (libs == 0 || docs == 0) {
                throw new UserException("database " + db + " has " + libs + " libraries and " + docs
                    + " docs; refusing to publish an empty index" + fix);
            }
            return new Summary(libs, docs, schema, pipeline, embedder);
        } catch (SQLException e) {
            throw new UserException("database " + db + " is not a readable SQLite database ("
                + e.getMessage().lines().findFirst().orElse("") + ")" + fix);
        }
    }

    private static List<String> integrityProblems(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check(5)")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equals(line)) {
                    problems.add(line.replaceAll("\\s+", " ").strip());
                }
            }
        }
        return problems;
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String meta(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        // The table name is one of two constants, never input.
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
