//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.store;

import deadzone.artifact.ArtifactIdentity;
import deadzone.artifact.ArtifactLayout;
import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.Meta;
import deadzone.artifact.Schema;
import deadzone.registry.Slugs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/** Validates one artifacts/&lt;slug&gt;/ folder before anything is merged. */
public final class ArtifactCheck {
    /** A readable, consistent artifact, its counts and its fingerprint (meta; "" when it has none). */
    public record Valid(Path folder, Path db, String libId, String version, int libs, long chunks, long docs,
                        String fingerprint) {
    }

    /** Why an artifact folder cannot be merged; the message names the file. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    private ArtifactCheck() {
    }

    /** Checks a folder's artifact against this suite's identity with {@code embedder}. */
    public static Valid check(Path folder, EmbedderIdentity embedder) throws Invalid {
        return check(folder, ArtifactIdentity.current(embedder));
    }

    /** Checks a folder against the identity its artifact must have. */
    public static Valid check(Path folder, ArtifactIdentity needed) throws Invalid {
        Path db = ArtifactLayout.dbIn(folder);
        if (!Files.isRegularFile(db)) {
            throw new Invalid(db + ": missing (the folder has no artifact)");
        }
        try (Connection conn = Sqlite.openReadOnly(db)) {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new Invalid(db + ": corrupted (" + verdict + ")");
                }
            }
            Map<String, String> meta = Meta.read(conn);
            Optional<String> mismatch = ArtifactIdentity.fromMeta(meta).mismatchWith(needed);
            if (mismatch.isPresent()) {
                throw new Invalid(db + ": " + mismatch.get() + "; scrape it again with this ScrapeLib and model");
            }
            String libId = meta.get(Schema.META_LIB_ID);
            String version = meta.get(Schema.META_VERSION);
            if (libId == null || version == null || !libId.startsWith("/")) {
                throw new Invalid(db + ": meta has no lib_id/version");
            }
            String slug = Slugs.slug(libId, version);
            if (!slug.equals(folder.getFileName().toString())) {
                throw new Invalid(db + ": holds " + libId + (version.isEmpty() ? "" : "@" + version)
                    + " (slug " + slug + ") but sits in folder " + folder.getFileName());
            }
            long otherLibs = count(conn, "SELECT count(*) FROM libs WHERE NOT (lib_id = ? AND version = ?)", libId, version);
            long otherDocs = count(conn, "SELECT count(*) FROM docs WHERE NOT (lib_id = ? AND version = ?)", libId, version);
            if (otherLibs > 0 || otherDocs > 0) {
                throw new Invalid(db + ": has rows of another library than " + libId);
            }
            int libs = (int) count(conn, "SELECT count(*) FROM libs");
            if (libs != 1) {
                throw new Invalid(db + ": has " + libs + " libs rows, expected 1");
            }
            long chunks = count(conn, "SELECT count(*) FROM docs");
            long docs = count(conn, "SELECT doc_count FROM libs");
            return new Valid(folder, db, libId, version, libs, chunks, docs,
                meta.getOrDefault(Schema.META_FINGERPRINT, ""));
        } catch (SQLException e) {
            throw new Invalid(db + ": not a readable artifact database (" + e.getMessage().replaceAll("\\s+", " ") + ")");
        }
    }

    private static long count(Connection conn, String sql, String... args) throws SQLException {
        try (var ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
