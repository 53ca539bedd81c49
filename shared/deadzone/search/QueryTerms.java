//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words of a query weighted by how rare they are in the corpus (BM25's inverse document
 * frequency), so that a text holding the query's one distinctive word counts for much and a
 * text sharing only a word the docs use everywhere counts for little.
 */
final class QueryTerms {
    private final List<String> terms;
    private final double[] weights;
    private final double total;

    private QueryTerms(List<String> terms, double[] weights) {
        this.terms = terms;
        this.weights = weights;
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        this.total = sum;
    }

    /** {@code frequencies}: documents per word, filled as words are first seen (the corpus does not change). */
    static QueryTerms of(String query, Connection conn, Map<String, Long> frequencies, long documents) throws SQLException {
        Set<String> distinct = new LinkedHashSet<>();
        FtsQuery.words(query).forEach(w -> distinct.add(w.toLowerCase(Locale.ROOT)));
        List<String> terms = new ArrayList<>(distinct);
        double[] weights = new double[terms.size()];
        for (int i = 0; i < weights.length; i++) {
            long df = frequency(terms.get(i), conn, frequencies);
            weights[i] = Math.log((documents - df + 0.5) / (df + 0.5) + 1);
        }
        return new QueryTerms(terms, weights);
    }

    private static long frequency(String term, Connection conn, Map<String, Long> frequencies) throws SQLException {
        Long known = frequencies.get(term);
        if (known != null) {
            return known;
        }
        long df;
        try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?")) {
            ps.setString(1, '"' + term + '"');
            try (ResultSet rs = ps.executeQuery()) {
                df = rs.next() ? rs.getLong(1) : 0;
            }
        }
        frequencies.put(term, df);
        return df;
    }

    /** The share (0..1) of the query's word weight that {@code text} holds. */
    double coverage(String text) {
        if (total == 0) {
            return 0;
        }
        Set<String> words = FtsQuery.indexWords(text);
        double held = 0;
        for (int i = 0; i < terms.size(); i++) {
            if (words.contains(terms.get(i))) {
                held += weights[i];
            }
        }
        return held / total;
    }
}
