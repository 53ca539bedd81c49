//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.eval;

import deadzone.error.UserException;
import deadzone.embed.Embedder;
import deadzone.search.Hit;
import deadzone.search.HybridSearch;
import deadzone.store.Sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a graded query set against a deadzone.db through {@link HybridSearch#search}, the call
 * Search makes, with Search's default answer size. Queries naming a library the database lacks
 * are skipped (and counted), so the Go API questions wait for the libraries they need.
 */
public final class Evaluation {
    /** Search's defaults: what a user (or an assistant through the same code) is shown. */
    public static final int LIMIT = 10;
    public static final int TOKENS = 5000;

    private Evaluation() {
    }

    /** Everything a figure depends on besides the code: two runs compare only when all four agree. */
    public record Identity(String mode, String embedder, String corpus, String querySet) {
        public static final String HYBRID = "hybrid";
        public static final String LEXICAL = "lexical";
    }

    public record Skipped(EvalQuery query, String reason) {
    }

    /**
     * What a run on {@code db} would be compared under, without running it (so a refusal
     * comes before the work). {@code embedder} null: BM25 only, as Search --lexical-only.
     */
    public static Identity identify(Path db, QuerySet set, Embedder embedder) throws SQLException {
        try (HybridSearch search = HybridSearch.open(db); Connection conn = Sqlite.openReadOnly(db)) {
            return identify(search, conn, set, embedder);
        }
    }

    private static Identity identify(HybridSearch search, Connection conn, QuerySet set, Embedder embedder) throws SQLException {
        if (embedder != null) {
            search.requireEmbedder(embedder.identity().canonical());
        }
        return new Identity(embedder == null ? Identity.LEXICAL : Identity.HYBRID,
            embedder == null ? "" : search.embedder(), CorpusFingerprint.of(conn), set.sha256());
    }

    /** Runs every query whose libraries the database holds. {@code embedder} null: BM25 only. */
    public static EvalRun run(Path db, QuerySet set, Embedder embedder) throws SQLException {
        try (HybridSearch search = HybridSearch.open(db); Connection conn = Sqlite.openReadOnly(db)) {
            Identity identity = identify(search, conn, set, embedder);
            Set<String> scopes = scopes(conn);
            List<EvalQuery> evaluated = new ArrayList<>();
            List<Skipped> skipped = new ArrayList<>();
            for (EvalQuery q : set.queries()) {
                String missing = missingLibrary(q, scopes);
                if (missing == null) {
                    evaluated.add(q);
                } else {
                    skipped.add(new Skipped(q, missing + " is not in the database"));
                }
            }
            checkEveryAnswerExists(conn, set.file(), evaluated);
            List<QueryOutcome> outcomes = new ArrayList<>();
            for (EvalQuery q : evaluated) {
                outcomes.add(QueryOutcome.of(q, search.search(q.query(), embedder == null ? null : embedder::embedQuery,
                    q.libId(), q.version(), LIMIT, TOKENS)));
            }
            return new EvalRun(identity, chunks(conn), outcomes, skipped);
        }
    }

    private static int chunks(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM docs"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** "lib_id" and "lib_id\0version" of every library version in the database. */
    private static Set<String> scopes(Connection conn) throws SQLException {
        Set<String> scopes = new HashSet<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT lib_id, version FROM libs");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                scopes.add(rs.getString(1));
                scopes.add(rs.getString(1) + "\u0000" + rs.getString(2));
            }
        }
        return scopes;
    }

    private static String missingLibrary(EvalQuery q, Set<String> scopes) {
        for (String lib : q.libraries()) {
            if (!scopes.contains(lib)) {
                return lib;
            }
        }
        if (q.version() != null && !scopes.contains(q.libId() + "\u0000" + q.version())) {
            return q.libId() + " " + q.version();
        }
        return null;
    }

    /**
     * A relevant section that no chunk matches is a mistake in the query set (a heading spelled
     * otherwise, a page moved): it could never be found, so the figures would lie.
     */
    private static void checkEveryAnswerExists(Connection conn, Path file, List<EvalQuery> queries) throws SQLException {
        List<Hit> all = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT id, lib_id, version, url, title, heading_path, content, doc_index, chunk_index FROM docs");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(new Hit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), 0));
            }
        }
        List<String> nowhere = new ArrayList<>();
        for (EvalQuery q : queries) {
            for (Relevant r : q.relevant()) {
                if (all.stream().noneMatch(r::matches)) {
                    nowhere.add(q.id() + ": " + r.label());
                }
            }
        }
        if (!nowhere.isEmpty()) {
            throw new UserException(file + ": " + nowhere.size() + " relevant section(s) match no chunk of the database, first "
                + nowhere.get(0) + " (check the url and heading against the docs)");
        }
    }
}
