//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.eval;

import deadzone.artifact.Meta;
import deadzone.artifact.Schema;
import deadzone.util.Hashes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a database's search results depend on besides the code: every chunk's library, version,
 * position, page, headings and text, and the pipeline version (which changes when the text a
 * chunk is embedded as changes). The url's scheme, host and port are left out: the same docs
 * served from another address are the same corpus.
 */
public final class CorpusFingerprint {
    private CorpusFingerprint() {
    }

    public static String of(Connection conn) throws SQLException {
        MessageDigest digest = Hashes.sha256();
        String pipeline = Meta.read(conn).getOrDefault(Schema.META_PIPELINE_VERSION, "");
        digest.update(("pipeline " + pipeline + "\n").getBytes(StandardCharsets.UTF_8));
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT lib_id, version, doc_index, chunk_index, url, title, heading_path, content_sha256
                FROM docs ORDER BY lib_id, version, doc_index, chunk_index""")) {
            while (rs.next()) {
                String line = String.join("\t", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    withoutOrigin(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8)) + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    static String withoutOrigin(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int path = url.indexOf('/', scheme + 3);
        return path < 0 ? "" : url.substring(path);
    }
}
