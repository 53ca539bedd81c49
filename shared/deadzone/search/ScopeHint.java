//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scope a question names when the caller gave none: "picocli: hide an option" is about
 * picocli, "is client OAuth experimental in go-sdk 1.4" about go-sdk 1.4. A library counts as
 * named when the last part of its lib_id is a word of the query and that word is the library's
 * own (at least {@link #OWN_SHARE} of the chunks holding it are the library's): "picocli" is,
 * but a Go package named "errors" or "time" is not, since every library's docs use those words.
 * Exactly one named library narrows the search to it (and to a version of it the query names).
 */
final class ScopeHint {
    static final double OWN_SHARE = 0.8;
    private static final Pattern VERSION = Pattern.compile("(?<![\\w.])v?(\\d+(?:\\.\\d+)+)(?![\\w.])");

    private final Connection conn;
    /** lib_id by its name word(s), lowercase, e.g. "go sdk" for /modelcontextprotocol/go-sdk. */
    private final Map<String, List<String>> libsByName = new LinkedHashMap<>();
    private final Map<String, List<String>> versions = new HashMap<>();
    private final Map<String, Boolean> ownWord = new HashMap<>();

    /** The named scope, and the query without the words that named it (they say nothing about the answer). */
    record Scope(String libId, String version, String text) {
    }

    ScopeHint(Connection conn) throws SQLException {
        this.conn = conn;
        try (PreparedStatement ps = conn.prepareStatement("SELECT lib_id, version FROM libs ORDER BY lib_id, version");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String lib = rs.getString(1);
                versions.computeIfAbsent(lib, k -> new ArrayList<>()).add(rs.getString(2));
                String name = words(lib.substring(lib.lastIndexOf('/') + 1));
                List<String> libs = libsByName.computeIfAbsent(name, k -> new ArrayList<>());
                if (!libs.contains(lib)) {
                    libs.add(lib);
                }
            }
        }
    }

    /** The scope the query names, or null when it names no library (or several, or nothing but a name). */
    Scope of(String query) throws SQLException {
        String text = " " + words(query) + " ";
        String named = null;
        String name = null;
        for (Map.Entry<String, List<String>> e : libsByName.entrySet()) {
            if (e.getKey().isEmpty() || !text.contains(" " + e.getKey() + " ") || e.getValue().size() != 1) {
                continue;
            }
            String lib = e.getValue().get(0);
            if (!isOwnWord(e.getKey(), lib)) {
                continue;
            }
            if (named != null && !named.equals(lib)) {
                return null; // two libraries named: a comparison, search them all
            }
            named = lib;
            name = e.getKey();
        }
        if (named == null) {
            return null;
        }
        // the name as typed: its words separated by anything that is not a word character
        String rest = Pattern.compile("(?<![\\p{L}\\p{N}_])" + String.join("[^\\p{L}\\p{N}_]+", name.split(" "))
            + "(?![\\p{L}\\p{N}_])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(query).replaceAll(" ");
        String version = null;
        Matcher m = VERSION.matcher(rest);
        while (m.find() && version == null) {
            if (versions.get(named).contains(m.group(1))) {
                version = m.group(1);
                rest = rest.substring(0, m.start()) + " " + rest.substring(m.end());
            }
        }
        rest = tidy(rest);
        return rest.isEmpty() ? null : new Scope(named, version, rest);
    }

    /** Single spaces and no stray punctuation where a name was taken out (empty when nothing else was asked). */
    private static String tidy(String text) {
        return text.replaceAll("\\s+([:,;])", "$1").replaceAll("^[\\s:,;]+", "").replaceAll("\\s+", " ").strip();
    }

    /** Whether most chunks holding {@code phrase} belong to {@code libId}. */
    private boolean isOwnWord(String phrase, String libId) throws SQLException {
        String key = phrase + "\u0000" + libId;
        Boolean known = ownWord.get(key);
        if (known != null) {
            return known;
        }
        long own = 0;
        long all = 0;
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT d.lib_id, count(*) FROM docs_fts f JOIN docs d ON d.id = f.rowid WHERE docs_fts MATCH ? GROUP BY d.lib_id")) {
            ps.setString(1, '"' + phrase + '"');
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all += rs.getLong(2);
                    own += rs.getString(1).equals(libId) ? rs.getLong(2) : 0;
                }
            }
        }
        boolean result = all > 0 && own >= OWN_SHARE * all;
        ownWord.put(key, result);
        return result;
    }

    /** Lowercase words separated by single spaces, as FTS5's tokenizer splits them (keeping '_'). */
    static String words(String text) {
        return String.join(" ", text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")).strip();
    }
}
