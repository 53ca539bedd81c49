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
    private final List<String> originals;
    private final List<String> terms;
    private final double[] weights;
    private final double total;

    private QueryTerms(List<String> originals, List<String> terms, double[] weights) {
        this.originals = originals;
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
        List<String> originals = FtsQuery.words(query);
        Set<String> distinct = new LinkedHashSet<>();
        originals.forEach(w -> distinct.add(w.toLowerCase(Locale.ROOT)));
        List<String> terms = new ArrayList<>(distinct);
        double[] weights = new double[terms.size()];
        for (int i = 0; i < weights.length; i++) {
            long df = frequency(terms.get(i), conn, frequencies);
            weights[i] = Math.log((documents - df + 0.5) / (df + 0.5) + 1);
        }
        return new QueryTerms(originals, terms, weights);
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

    /**
     * Whether the query is only code names, as people paste them: each word has an underscore, an
     * inner capital ({@code addTool}, {@code MethodView}), letters and digits mixed, or is an
     * all-capitals word of five letters or more ({@code MCPGODEBUG}); at most three of them.
     */
    boolean identifiersOnly() {
        if (originals.isEmpty() || originals.size() > 3) {
            return false;
        }
        for (String w : originals) {
            if (!IDENTIFIER.matcher(w).matches()) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile(
        ".*_.*|.*\\p{Ll}\\p{Lu}.*|\\p{Lu}{2,}\\p{Ll}.*\\p{Lu}.*|.*\\p{L}\\p{N}.*|.*\\p{N}\\p{L}.*|\\p{Lu}{5,}");

    /** The share (0..1) of the query's word weight that {@code text} holds. */
    double coverage(String text) {
        if (total == 0) {
            return 0;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        double held = 0;
        for (int i = 0; i < terms.size(); i++) {
            if (holdsWord(lower, terms.get(i))) {
                held += weights[i];
            }
        }
        return held / total;
    }

    /** Whether {@code word} occurs in {@code text} as a whole word, as the index splits words (no tokenising of the text). */
    static boolean holdsWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !isWordChar(text.codePointBefore(at))) && (end == text.length() || !isWordChar(text.codePointAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
