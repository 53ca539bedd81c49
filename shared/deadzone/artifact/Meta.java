package deadzone.artifact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code meta} table (docs/schema.md): which rows a database carries and the one place that
 * writes and reads them. Every database carries the identity rows; an artifact adds what it holds.
 */
public final class Meta {
    private Meta() {
    }

    public static Map<String, String> read(Connection conn) throws SQLException {
        Map<String, String> meta = new LinkedHashMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT key, value FROM meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return meta;
    }

    /** Inserts {@code rows} in their order. */
    public static void write(Connection conn, Map<String, String> rows) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
            for (Map.Entry<String, String> row : rows.entrySet()) {
                ps.setString(1, row.getKey());
                ps.setString(2, row.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The rows of every database: schema and pipeline versions, then the embedder as its canonical
     * identity, its model name and its dimensions (what search needs without parsing the identity).
     */
    public static Map<String, String> databaseRows(String embedder, String embedderModel, String embedderDimensions) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(Schema.META_SCHEMA_VERSION, Integer.toString(PipelineVersion.SCHEMA));
        rows.put(Schema.META_PIPELINE_VERSION, Integer.toString(PipelineVersion.PIPELINE));
        rows.put(Schema.META_EMBEDDER, embedder);
        rows.put(Schema.META_EMBEDDER_MODEL, embedderModel);
        rows.put(Schema.META_EMBEDDER_DIMENSIONS, embedderDimensions);
        return rows;
    }

    public static Map<String, String> databaseRows(EmbedderIdentity embedder) {
        return databaseRows(embedder.canonical(), embedder.modelName(), Integer.toString(embedder.dimensions()));
    }

    /** An artifact's rows: the database rows, then which (lib_id, version) it holds and its fingerprint. */
    public static Map<String, String> artifactRows(EmbedderIdentity embedder, String libId, String version,
                                                   String fingerprint) {
        Map<String, String> rows = databaseRows(embedder);
        rows.put(Schema.META_LIB_ID, libId);
        rows.put(Schema.META_VERSION, version);
        rows.put(Schema.META_FINGERPRINT, fingerprint);
        return rows;
    }
}
