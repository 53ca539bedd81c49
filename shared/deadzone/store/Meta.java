//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the {@code meta} table into a map. */
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
}
