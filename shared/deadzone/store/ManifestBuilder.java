//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.store;

import deadzone.artifact.Meta;
import deadzone.artifact.Schema;
import deadzone.release.EntryKey;
import deadzone.release.Manifest;
import deadzone.release.ManifestEntry;
import deadzone.util.Hashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Describes a finished deadzone.db as its manifest (docs/workflow.md, "The manifest"): read from
 * the database itself, plus what only the artifacts know (each entry's fingerprint) and, when
 * given, the RestoreCaches status of each entry.
 */
public final class ManifestBuilder {
    private ManifestBuilder() {
    }

    /**
     * @param db           the database file (a scratch file is fine: the name is {@code dbName})
     * @param fingerprints each entry's fingerprint, from its artifact's meta
     * @param restore      each entry's restore status; empty when no report was given
     */
    public static Manifest describe(Path db, String dbName, Map<EntryKey, String> fingerprints,
                                    Map<EntryKey, String> restore) throws IOException, SQLException {
        String sha256 = Hashes.sha256Hex(db);
        long size = Files.size(db);
        try (Connection conn = Sqlite.openReadOnly(db)) {
            Map<String, String> meta = Meta.read(conn);
            Map<EntryKey, String> content = contentHashes(conn);
            Map<EntryKey, Long> chunks = chunkCounts(conn);
            List<ManifestEntry> entries = new ArrayList<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT lib_id, version, kind, ref, doc_count, scraped_at FROM libs ORDER BY lib_id, version")) {
                while (rs.next()) {
                    EntryKey key = new EntryKey(rs.getString(1), rs.getString(2));
                    entries.add(new ManifestEntry(key.libId(), key.version(), rs.getString(3),
                        rs.getString(4) == null ? "" : rs.getString(4), fingerprints.getOrDefault(key, ""),
                        rs.getLong(5), chunks.getOrDefault(key, 0L), content.getOrDefault(key, emptyContent()),
                        rs.getString(6), restore.get(key)));
                }
            }
            return new Manifest(dbName, sha256, size, number(meta, Schema.META_SCHEMA_VERSION),
                number(meta, Schema.META_PIPELINE_VERSION), meta.getOrDefault(Schema.META_EMBEDDER, ""),
                meta.getOrDefault(Schema.META_EMBEDDER_MODEL, ""), number(meta, Schema.META_EMBEDDER_DIMENSIONS), entries);
        }
    }

    /**
     * Per entry, sha256 over its chunks' content_sha256 values, each followed by "\n", in document
     * order (doc_index, chunk_index): it changes exactly when the text of the entry changes.
     */
    private static Map<EntryKey, String> contentHashes(Connection conn) throws SQLException {
        Map<EntryKey, String> hashes = new HashMap<>();
        EntryKey current = null;
        MessageDigest digest = Hashes.sha256();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
            "SELECT lib_id, version, content_sha256 FROM docs ORDER BY lib_id, version, doc_index, chunk_index, id")) {
            while (rs.next()) {
                EntryKey key = new EntryKey(rs.getString(1), rs.getString(2));
                if (!key.equals(current)) {
                    if (current != null) {
                        hashes.put(current, HexFormat.of().formatHex(digest.digest()));
                    }
                    current = key;
                }
                digest.update((rs.getString(3) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (current != null) {
            hashes.put(current, HexFormat.of().formatHex(digest.digest()));
        }
        return hashes;
    }

    private static Map<EntryKey, Long> chunkCounts(Connection conn) throws SQLException {
        Map<EntryKey, Long> counts = new HashMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
            "SELECT lib_id, version, count(*) FROM docs GROUP BY lib_id, version")) {
            while (rs.next()) {
                counts.put(new EntryKey(rs.getString(1), rs.getString(2)), rs.getLong(3));
            }
        }
        return counts;
    }

    private static String emptyContent() {
        return Hashes.sha256Hex(new byte[0]);
    }

    private static int number(Map<String, String> meta, String key) {
        try {
            return Integer.parseInt(meta.getOrDefault(key, "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
