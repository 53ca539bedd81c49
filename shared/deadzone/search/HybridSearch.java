//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.search;

import deadzone.store.Meta;
import deadzone.store.Schema;
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
import java.util.Locale;
import java.util.Map;

/**
 * Hybrid retrieval over a deadzone.db: vector similarity (meaning, even with no shared word)
 * and BM25 over FTS5 (exact identifiers), fused by reciprocal rank, then neighbouring chunks of
 * one section put back together and the answer cut to a token budget.
 */
public final class HybridSearch implements AutoCloseable {
    /** The usual RRF constant: damps the weight of the very first ranks. */
    static final int RRF_K = 60;
    static final int MIN_CANDIDATES = 50;

    private final Connection conn;
    private final Map<String, String> meta;
    private final int dims;
    private final Map<String, VectorIndex> indexes = new HashMap<>();
    private List<LibHit> libCards;
    private Map<String, float[]> libVectors;

    private HybridSearch(Connection conn) throws SQLException {
        this.conn = conn;
        this.meta = Meta.read(conn);
        this.dims = Integer.parseInt(meta.getOrDefault(Schema.META_EMBEDDER_DIMENSIONS, "0"));
    }

    public static HybridSearch open(Path db) throws SQLException {
        if (!Files.isRegularFile(db)) {
            throw new deadzone.cli.UserException(db + ": no such database (build it with Consolidate, or pass --db FILE)");
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
        String key = scopeKey(libId, version);
        VectorIndex index = indexes.get(key);
        if (index == null) {
            index = VectorIndex.load(conn, libId, version, dims);
            indexes.put(key, index);
        }
        return index;
    }

    /**
     * Loads every vector and the libs table once, for a long-lived reader: later searches of any
     * scope then filter this one index (same ranking) instead of loading a copy of their scope's vectors.
     */
    public void preload() throws SQLException {
        index(null, null);
        loadLibCards();
    }

    private VectorIndex.Ranked nearest(float[] queryVector, String libId, String version, int k) throws SQLException {
        VectorIndex all = indexes.get(scopeKey(null, null));
        return all != null ? all.top(queryVector, k, libId, version) : index(libId, version).top(queryVector, k);
    }

    /**
     * The best snippets for {@code query}. {@code queryVector} may be null (lexical only);
     * {@code libId}/{@code version} narrow the scope; {@code tokenBudget} caps the answer.
     */
    public List<Hit> search(String query, float[] queryVector, String libId, String version,
                            int limit, int tokenBudget) throws SQLException {
        List<Map.Entry<Long, Double>> order = fused(query, queryVector, libId, version, Math.max(MIN_CANDIDATES, limit * 5));
        List<Hit> hits = new ArrayList<>();
        for (Map.Entry<Long, Double> e : order.subList(0, Math.min(order.size(), limit * 4))) {
            hits.add(load(e.getKey(), e.getValue()));
        }
        return Snippets.budget(Snippets.mergeNeighbours(Snippets.sameTextOnce(hits)), limit, tokenBudget);
    }

    /** Chunk ids, best first, with their fused score: vector and BM25 candidates by reciprocal rank. */
    private List<Map.Entry<Long, Double>> fused(String query, float[] queryVector, String libId, String version,
                                                int candidates) throws SQLException {
        Map<Long, Double> fused = new LinkedHashMap<>();
        if (queryVector != null) {
            VectorIndex.Ranked ranked = nearest(queryVector, libId, version, candidates);
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
        return order;
    }

    /** BM25 over title, heading path and content; the query is escaped, so any text is safe. */
    List<Long> lexical(String query, String libId, String version, int limit) throws SQLException {
        String match = FtsQuery.of(query);
        if (match.isEmpty()) {
            return List.of();
        }
        String scope = libId == null ? "" : version == null ? " AND d.lib_id = ?" : " AND d.lib_id = ? AND d.version = ?";
        // CROSS JOIN keeps the full-text index as the outer loop. Given a lib_id, SQLite 3.51 would
        // otherwise walk that library's rows and run MATCH once per row: 12 s instead of 0.1 s for
        // one library of 5,000 chunks (bench/ServeBench.java on the 100k synthetic database).
        String sql = "SELECT d.id FROM docs_fts f CROSS JOIN docs d ON d.id = f.rowid WHERE docs_fts MATCH ?" + scope
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

    /** Every library (each lib_id and version), most documents first: what the database holds. */
    public List<LibHit> libraries(int limit) throws SQLException {
        List<LibHit> libs = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT lib_id, version, kind, description, doc_count, chunk_count"
                + " FROM libs ORDER BY doc_count DESC, lib_id, version LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    libs.add(new LibHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getInt(6), 0));
                }
            }
        }
        return libs;
    }

    /**
     * Libraries ranked for a query. Every (lib_id, version) collects reciprocal-rank votes: its card
     * (lib_id words and description) ranked by vector and by shared words, plus the fused score of
     * each of its chunks among the best chunks for the query. The chunks say what its
     * documentation covers, which counts even for a library the registry gives no description.
     */
    public List<LibHit> searchLibs(String query, float[] queryVector, int limit) throws SQLException {
        if (libCards == null) {
            loadLibCards();
        }
        List<LibHit> libs = libCards;
        Map<String, float[]> vectors = libVectors;
        Map<String, Double> fused = chunkVotes(query, queryVector);
        if (queryVector != null) {
            List<LibHit> byVector = new ArrayList<>(libs);
            Map<String, Double> sim = new HashMap<>();
            for (LibHit l : libs) {
                float[] v = vectors.get(key(l));
                sim.put(key(l), v == null ? -1.0 : VectorIndex.dot(v, 0, queryVector, Math.min(v.length, queryVector.length)));
            }
            byVector.sort(Comparator.comparing((LibHit l) -> -sim.get(key(l))));
            for (int r = 0; r < byVector.size(); r++) {
                fused.merge(key(byVector.get(r)), 1.0 / (RRF_K + r + 1), Double::sum);
            }
        }
        List<String> words = new ArrayList<>();
        for (String quoted : FtsQuery.of(query).split(" OR ")) {
            String w = quoted.replace("\"", "").toLowerCase(Locale.ROOT);
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        List<LibHit> byText = new ArrayList<>();
        Map<String, Integer> matches = new HashMap<>();
        for (LibHit l : libs) {
            String haystack = (l.libId() + " " + (l.description() == null ? "" : l.description())).toLowerCase(Locale.ROOT);
            int n = (int) words.stream().filter(haystack::contains).count();
            if (n > 0) {
                matches.put(key(l), n);
                byText.add(l);
            }
        }
        byText.sort(Comparator.comparing((LibHit l) -> -matches.get(key(l))));
        for (int r = 0; r < byText.size(); r++) {
            fused.merge(key(byText.get(r)), 1.0 / (RRF_K + r + 1), Double::sum);
        }
        return libs.stream()
            .filter(l -> fused.containsKey(key(l)))
            .map(l -> new LibHit(l.libId(), l.version(), l.kind(), l.description(), l.docCount(), l.chunkCount(),
                fused.get(key(l))))
            .sorted(Comparator.comparingDouble(LibHit::score).reversed()
                .thenComparing(LibHit::libId).thenComparing(LibHit::version))
            .limit(limit)
            .toList();
    }

    /** The libs table with its vectors, read once: a long-lived reader ranks libraries many times. */
    private void loadLibCards() throws SQLException {
        List<LibHit> libs = new ArrayList<>();
        Map<String, float[]> vectors = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT lib_id, version, kind, description, doc_count, chunk_count,"
                + " embedding FROM libs ORDER BY lib_id, version");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                LibHit lib = new LibHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                    rs.getInt(6), 0);
                libs.add(lib);
                byte[] blob = rs.getBytes(7);
                if (blob != null) {
                    vectors.put(key(lib), Vectors.fromBytes(blob));
                }
            }
        }
        libVectors = vectors;
        libCards = List.copyOf(libs);
    }

    /** Per "lib_id NUL version", the summed fused scores of its chunks among the query's best chunks. */
    private Map<String, Double> chunkVotes(String query, float[] queryVector) throws SQLException {
        Map<String, Double> votes = new HashMap<>();
        List<Map.Entry<Long, Double>> chunks = fused(query, queryVector, null, null, MIN_CANDIDATES);
        if (chunks.isEmpty()) {
            return votes;
        }
        Map<Long, Double> scoreOf = new HashMap<>();
        chunks.forEach(e -> scoreOf.put(e.getKey(), e.getValue()));
        String marks = String.join(",", java.util.Collections.nCopies(chunks.size(), "?"));
        try (PreparedStatement ps = conn.prepareStatement("SELECT id, lib_id, version FROM docs WHERE id IN (" + marks + ")")) {
            for (int i = 0; i < chunks.size(); i++) {
                ps.setLong(i + 1, chunks.get(i).getKey());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    votes.merge(scopeKey(rs.getString(2), rs.getString(3)), scoreOf.get(rs.getLong(1)), Double::sum);
                }
            }
        }
        return votes;
    }

    private static String key(LibHit lib) {
        return scopeKey(lib.libId(), lib.version());
    }

    /** "lib_id NUL version"; null for either means all of them. */
    private static String scopeKey(String libId, String version) {
        return libId + "\u0000" + version;
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
