//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.search;

import deadzone.artifact.Meta;
import deadzone.artifact.Schema;
import deadzone.error.RunFailure;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Hybrid retrieval over a deadzone.db: vector similarity (meaning, even with no shared word)
 * and BM25 over FTS5 (exact identifiers) find the candidates; the cosine, raised by the share of
 * the query's rare words a chunk holds, ranks them ({@link Fusion}); then neighbouring chunks of
 * one section are put back together and the answer cut to a token budget.
 */
public final class HybridSearch implements AutoCloseable {
    /** The usual RRF constant for library ranking: damps the weight of the very first ranks. */
    static final int RRF_K = 60;
    static final int MIN_CANDIDATES = 50;
    /**
     * Library ranking lets the best 1 % of the database's chunks vote (at least 10, at most
     * MIN_CANDIDATES): the breadth of a library's relevant text is evidence on a large database,
     * but on a small one 50 chunks are a quarter of it, and volume would outvote the best answers.
     */
    static final int LIBRARY_VOTE_SHARE = 100;
    static final int LIBRARY_MIN_VOTES = 10;
    /** The most snippets one answer may ask for; candidates are a few times more, all in memory. */
    public static final int MAX_LIMIT = 1000;
    /** The largest vector a database may declare; no embedding model comes near. */
    static final int MAX_DIMENSIONS = 65_536;

    private final Path db;
    private final Connection conn;
    private final Map<String, String> meta;
    private final int dims;
    private final Map<String, VectorIndex> indexes = new HashMap<>();
    private ScopeHint scopeHint;
    private final Map<String, Long> frequencies = new HashMap<>();
    private long documents = -1;
    private List<LibHit> libCards;
    private int totalChunks;
    private Map<String, float[]> libVectors;

    private HybridSearch(Path db, Connection conn, Map<String, String> meta, int dims) {
        this.db = db;
        this.conn = conn;
        this.meta = meta;
        this.dims = dims;
    }

    /**
     * Opens {@code db} read-only; a file that is not a deadzone database (not SQLite, damaged,
     * without its meta rows) is a {@link UserException} of one line saying so.
     */
    public static HybridSearch open(Path db) {
        if (!Files.isRegularFile(db)) {
            throw new UserException(db + ": no such database (build it with Consolidate, or pass --db FILE)");
        }
        Connection conn = null;
        try {
            conn = Sqlite.openReadOnly(db);
            Map<String, String> meta = Meta.read(conn);
            String schema = meta.get(Schema.META_SCHEMA_VERSION);
            String dimensions = meta.getOrDefault(Schema.META_EMBEDDER_DIMENSIONS, "");
            if (schema == null || !dimensions.matches("\\d{1,6}") || Integer.parseInt(dimensions) < 1
                || Integer.parseInt(dimensions) > MAX_DIMENSIONS) {
                throw notDeadzone(db, schema == null ? "no " + Schema.META_SCHEMA_VERSION + " in its meta table"
                    : "its " + Schema.META_EMBEDDER_DIMENSIONS + " is '" + dimensions + "'");
            }
            return new HybridSearch(db, conn, meta, Integer.parseInt(dimensions));
        } catch (SQLException e) {
            closeQuietly(conn);
            throw notDeadzone(db, Sqlite.reason(e));
        } catch (UserException e) {
            closeQuietly(conn);
            throw e;
        }
    }

    /** The one line for a file that cannot serve as a database (unreadable, damaged, another kind of file). */
    public static UserException notDeadzone(Path db, String why) {
        return new UserException("not a deadzone database: " + db + " (" + why + "); build it with Consolidate, or pass --db FILE");
    }

    private static void closeQuietly(Connection conn) {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // already failing with a better reason
            }
        }
    }

    /** The embedder identity the database was built with; queries must be embedded by the same. */
    public String embedder() {
        return meta.get(Schema.META_EMBEDDER);
    }

    /** Refuses to search with query vectors from another model than the chunks' (they would not compare). */
    public void requireEmbedder(String identity) {
        if (!identity.equals(embedder())) {
            throw new RunFailure(db + " was built with another embedder (" + embedder()
                + "); pass its --model-dir, or --lexical-only");
        }
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

    /** The whole database's index when {@link #preload} loaded it (a scope is a filter of it), else the scope's own. */
    private VectorIndex indexFor(String libId, String version) throws SQLException {
        VectorIndex all = indexes.get(scopeKey(null, null));
        return all != null ? all : index(libId, version);
    }

    /**
     * The best snippets for {@code query}. {@code embedder} turns the text to search for into a
     * query vector (null: BM25 only); {@code libId}/{@code version} narrow the scope. With no
     * {@code libId}, a library the query names narrows it (see {@link ScopeHint}), and its name
     * is left out of the text searched for: within that library it matches everything, and it
     * pulls the query's vector towards pages that merely mention the library.
     * {@code tokenBudget} caps the answer.
     */
    public List<Hit> search(String query, Function<String, float[]> embedder, String libId, String version,
                            int limit, int tokenBudget) throws SQLException {
        ScopeHint.Scope named = libId == null ? scopeHint().of(query) : null;
        String text = query;
        if (named != null) {
            libId = named.libId();
            version = named.version();
            text = named.text();
        }
        Ranking ranking = rank(text, embedder == null ? null : embedder.apply(text), libId, version,
            Math.max(MIN_CANDIDATES, limit * 5), limit * 4);
        // The whole question, library name included: naming a package is asking about it.
        List<Fusion.Scored> order = embedder == null ? ranking.order() : ApiBeforeOverview.apply(query, ranking.order(), ranking.rows());
        List<Hit> hits = new ArrayList<>();
        for (Fusion.Scored s : order.subList(0, Math.min(order.size(), limit * 4))) {
            hits.add(ranking.rows().get(s.id()).withScore(s.score()));
        }
        return Snippets.budget(Snippets.mergeNeighbours(Snippets.sameTextOnce(hits)), limit, tokenBudget);
    }

    /** Chunks best first, and the rows of every candidate. */
    private record Ranking(List<Fusion.Scored> order, Map<Long, Hit> rows) {
    }

    /**
     * The one chunk ranking, for snippets and for library votes alike: BM25 and vector candidates
     * ({@code candidates} of each), ordered by {@link Fusion}; with no vector, BM25 order, of which
     * {@code keep} are loaded.
     */
    private Ranking rank(String text, float[] vector, String libId, String version, int candidates, int keep)
            throws SQLException {
        List<Fusion.Scored> order = lexical(text, libId, version, candidates);
        if (vector == null) {
            order = order.subList(0, Math.min(order.size(), keep));
            return new Ranking(order, load(order.stream().map(Fusion.Scored::id).toList()));
        }
        VectorIndex index = indexFor(libId, version);
        VectorIndex.Ranked ranked = index.top(vector, candidates, libId, version);
        Set<Long> ids = new LinkedHashSet<>();
        for (long id : ranked.ids()) {
            ids.add(id);
        }
        order.forEach(s -> ids.add(s.id()));
        Map<Long, Hit> rows = load(ids);
        QueryTerms terms = QueryTerms.of(text, conn, frequencies, documents());
        Map<Long, Double> coverage = new HashMap<>();
        rows.forEach((id, h) -> coverage.put(id, terms.coverage(h.title() + "\n" + h.headingPath() + "\n" + h.content())));
        return new Ranking(Fusion.fuse(index, vector, ranked, coverage,
            terms.identifiersOnly() ? Fusion.IDENTIFIER_WEIGHT : Fusion.WORDS_WEIGHT), rows);
    }

    /**
     * BM25 over title, heading path and content, best first with positive scores; the query is
     * escaped, so any text is safe.
     */
    List<Fusion.Scored> lexical(String query, String libId, String version, int limit) throws SQLException {
        String match = FtsQuery.of(query);
        if (match.isEmpty()) {
            return List.of();
        }
        String scope = libId == null ? "" : version == null ? " AND d.lib_id = ?" : " AND d.lib_id = ? AND d.version = ?";
        // CROSS JOIN keeps the full-text index as the outer loop. Given a lib_id, SQLite 3.51 would
        // otherwise walk that library's rows and run MATCH once per row: 12 s instead of 0.1 s for
        // one library of 5,000 chunks (bench/ServeBench.java on the 100k synthetic database).
        String sql = "SELECT d.id, bm25(docs_fts, 4.0, 2.0, 1.0) AS rank FROM docs_fts f CROSS JOIN docs d ON d.id = f.rowid"
            + " WHERE docs_fts MATCH ?" + scope + " ORDER BY rank, d.id LIMIT ?";
        List<Fusion.Scored> ids = new ArrayList<>();
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
                    ids.add(new Fusion.Scored(rs.getLong(1), -rs.getDouble(2))); // FTS5's bm25 is negated
                }
            }
        }
        return ids;
    }

    private ScopeHint scopeHint() throws SQLException {
        if (scopeHint == null) {
            scopeHint = new ScopeHint(conn);
        }
        return scopeHint;
    }

    /** The rows of {@code ids}, by id (score 0). */
    private Map<Long, Hit> load(java.util.Collection<Long> ids) throws SQLException {
        Map<Long, Hit> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = conn.prepareStatement("SELECT id, lib_id, version, url, title, heading_path, content,"
                + " doc_index, chunk_index FROM docs WHERE id IN (" + marks + ")")) {
            int i = 1;
            for (long id : ids) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), new Hit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), 0));
                }
            }
        }
        return rows;
    }

    /** How many chunks the database holds (for the words' inverse document frequency), counted once. */
    private long documents() throws SQLException {
        if (documents < 0) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM docs"); ResultSet rs = ps.executeQuery()) {
                documents = rs.next() ? rs.getLong(1) : 0;
            }
        }
        return documents;
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
        totalChunks = libs.stream().mapToInt(LibHit::chunkCount).sum();
        libCards = List.copyOf(libs);
    }

    /**
     * Per "lib_id NUL version", a reciprocal-rank vote for each of its chunks among the query's best
     * chunks (the same ranking as {@link #search}).
     */
    private Map<String, Double> chunkVotes(String query, float[] queryVector) throws SQLException {
        Map<String, Double> votes = new HashMap<>();
        Ranking ranking = rank(query, queryVector, null, null, MIN_CANDIDATES, MIN_CANDIDATES);
        int voters = Math.max(LIBRARY_MIN_VOTES, Math.min(MIN_CANDIDATES, totalChunks / LIBRARY_VOTE_SHARE));
        List<Fusion.Scored> best = ranking.order().subList(0, Math.min(ranking.order().size(), voters));
        for (int r = 0; r < best.size(); r++) {
            Hit chunk = ranking.rows().get(best.get(r).id());
            votes.merge(scopeKey(chunk.libId(), chunk.version()), 1.0 / (RRF_K + r + 1), Double::sum);
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
