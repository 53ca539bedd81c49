package support;

import deadzone.store.Sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;

/** Small SQL helpers for assertions on real SQLite files. */
public final class Tables {
    private Tables() {
    }

    public static long count(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    public static String string(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Every row of every table of the shared schema, in a stable order, as text: "same contents" made checkable. */
    public static String dump(Path db) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection conn = Sqlite.openReadOnly(db)) {
            for (String table : new String[] {"meta", "libs", "docs", "sources"}) {
                out.append("## ").append(table).append('\n');
                try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + (table.equals("meta") ? " ORDER BY 1" : " ORDER BY 1, 2, 3"))) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int c = 1; c <= md.getColumnCount(); c++) {
                            Object v = rs.getObject(c);
                            out.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
