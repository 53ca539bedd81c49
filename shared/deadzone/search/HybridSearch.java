//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.search;

import deadzone.artifact.Meta;
import deadzone.artifact.Schema;
import deadzone.error.UserException;
import deadzone.store.Sqlite;
import deadzone.store.Vectors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hybrid retrieval over a deadzone.db: vector similarity (meaning, even with no shared word)
 * and BM25 over FTS5 (exact identifiers), fused by reciprocal rank, then neighbouring chunks of
 * one section put back together and the answer cut to a token budget (docs/search.md).
 */
public final class HybridSearch implements AutoCloseable {
    /** The usual RRF constant: damps the weight of the very first ranks. */
    static final int RRF_K = 60;
    static final int MIN_CANDIDATES = 50;

    private final Connection conn;
    private final Map<String, String> meta;
    private final int dims;
    private final Map<String, VectorIndex> indexes = new HashMap<>();

    private HybridSearch(Connection conn) throws SQLException {
        this.conn = conn;
        this.meta = Meta.read(conn);
        this.dims = Integer.parseInt(meta.getOrDefault(Schema.META_EMBEDDER_DIMENSIONS, "0"));
    }

    public static HybridSearch open(Path db) throws SQLException {
        if (!Files.isRegularFile(db)) {
            throw new UserException(db + ": no such database (build it with Consolidate, or pass --db FILE)");
        }
        return new HybridSearch(Sqlite.openReadOnly(db));
    }

    /** The embedder identity the database was built with; queries must be embedded by the same. */
    public String embedder() {
        return meta.get(Schema.META_EMBEDDER);
    }

    /** The versions of {@code libId} in the database, in order; empty when it is not there. */
    public List<String> versionsOf(String libId) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT version FROM libs WHERE lib_id = ? ORDER BY version")) {
            ps.setString(1, libId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
        }
        return versions;
    }

    /** The vectors of a scope, loaded once and kept. */
    public VectorIndex index(String libId, String version) throws SQLException {
        String key = libId + "\u0000" + version;
        VectorIndex index = indexes.get(key);
        if (index == null) {
            index = VectorIndex.load(conn, libId, version, dims);
            indexes.put(key, index);
        }
        return index;
    }

    /**
     * The best snippets for {@code query}. {@code queryVector} may be null (lexical only);
     * {@code libId}/{@code version} narrow the scope; {@code tokenBudget} caps the answer.
     */
    public List<Hit> search(String query, float[] queryVector, String libId, String version,
                            int limit, int tokenBudget) throws SQLException {
        int candidates = Math.max(MIN_CANDIDATES, limit * 5);
        Map<Long, Double> fused = new LinkedHashMap<>();
        if (queryVector != null) {
            VectorIndex.Ranked ranked = index(libId, version).top(queryVector, candidates);
            for (int r = 0; r < ranked.ids().length; r++) {
                fused.merge(ranked.ids()[r], 1.0 / (RRF_K + r + 1), Double::sum);
            }
        }
        List<Long> lexical = lexical(query, libId, version, candidates);
        for (int r = 0; r < lexical.size(); r++) {
            fused.merge(lexical.get(r), 1.0 / (RRF_K + r + 1), Double::sum);
        }
        List<Map.Entry<Long, Double>> order = new ArrayList<>(fused.entrySet());
        order.sort(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<Hit> hits = new ArrayList<>();
        for (Map.Entry<Long, Double> e : order.subList(0, Math.min(order.size(), limit * 4))) {
            hits.add(load(e.getKey(), e.getValue()));
        }
        return Snippets.budget(Snippets.mergeNeighbours(Snippets.sameTextOnce(hits)), limit, tokenBudget);
    }

    /** BM25 over title, heading path and content; the query is escaped, so any text is safe. */
    List<Long> lexical(String query, String libId, String version, int limit) throws SQLException {
        String match = FtsQuery.of(query);
        if (match.isEmpty()) {
            return List.of();
        }
        String scope = libId == null ? "" : version == null ? " AND d.lib_id = ?" : " AND d.lib_id = ? AND d.version = ?";
        String sql = "SELECT d.id FROM docs_fts f JOIN docs d ON d.id = f.rowid WHERE docs_fts MATCH ?" + scope
            + " ORDER BY bm25(docs_fts, 4.0, 2.0, 1.0), d.id LIMIT ?";
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, match);
            if (libId != null) {
                ps.setString(i++, libId);
                if (version != null) {
                    ps.setString(i++, version);
                }
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private Hit load(long id, double score) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("""
                SELECT lib_id, version, url, title, heading_path, content, doc_index, chunk_index
                FROM docs WHERE id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Hit(id, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8), score);
            }
        }
    }

    /** Libraries ranked by their lib_id words and description, by vector and by text, fused. */
    public List<LibHit> searchLibs(String query, float[] queryVector, int limit) throws SQLException {
        List<LibHit> libs = new ArrayList<>();
        Map<String, float[]> vectors = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT lib_id, version, kind, description, chunk_count, embedding FROM libs ORDER BY lib_id, version");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                LibHit lib = new LibHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), 0);
                libs.add(lib);
                byte[] blob = rs.getBytes(6);
                if (blob != null) {
                    vectors.put(lib.libId() + "@" + lib.version(), Vectors.fromBytes(blob));
                }
            }
        }
        Map<LibHit, Double> fused = new HashMap<>();
        if (queryVector != null) {
            List<LibHit> byVector = new ArrayList<>(libs);
            Map<LibHit, Double> sim = new HashMap<>();
            for (LibHit l : libs) {
                float[] v = vectors.get(l.libId() + "@" + l.version());
                sim.put(l, v == null ? -1.0 : VectorIndex.dot(v, 0, queryVector, Math.min(v.length, queryVector.length)));
            }
            byVector.sort(Comparator.comparing((LibHit l) -> -sim.get(l)));
            for (int r = 0; r < byVector.size(); r++) {
                fused.merge(byVector.get(r), 1.0 / (RRF_K + r + 1), Double::sum);
            }
        }
        List<String> words = List.of(FtsQuery.of(query).replace("\"", "").toLowerCase().split(" OR "));
        List<LibHit> byText = new ArrayList<>();
        Map<LibHit, Integer> matches = new HashMap<>();
        for (LibHit l : libs) {
            String haystack = (l.libId() + " " + (l.description() == null ? "" : l.description())).toLowerCase();
            int n = (int) words.stream().filter(w -> !w.isEmpty() && haystack.contains(w)).count();
            if (n > 0) {
                matches.put(l, n);
                byText.add(l);
            }
        }
        byText.sort(Comparator.comparing((LibHit l) -> -matches.get(l)));
        for (int r = 0; r < byText.size(); r++) {
            fused.merge(byText.get(r), 1.0 / (RRF_K + r + 1), Double::sum);
        }
        return fused.entrySet().stream()
            .sorted(Map.Entry.<LibHit, Double>comparingByValue().reversed()
                .thenComparing(e -> e.getKey().libId()).thenComparing(e -> e.getKey().version()))
            .limit(limit)
            .map(e -> new LibHit(e.getKey().libId(), e.getKey().version(), e.getKey().kind(), e.getKey().description(),
                e.getKey().chunkCount(), e.getValue()))
            .toList();
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
