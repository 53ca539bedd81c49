//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.search;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every chunk vector of a scope in one contiguous float array, so a query is a single pass of
 * dot products over memory (the vectors are L2-normalised: dot product = cosine) with no
 * object per row. Loaded once; a long-lived reader can keep it and answer many queries, of any
 * narrower scope too: each row knows its lib_id and version.
 */
public final class VectorIndex {
    private final long[] ids;
    private final float[] matrix;
    private final int dims;
    /** Per row, an index into {@link #scopes} ("lib_id NUL version"). */
    private final int[] scopeOfRow;
    private final List<String> scopes;

    VectorIndex(long[] ids, float[] matrix, int dims, int[] scopeOfRow, List<String> scopes) {
        this.ids = ids;
        this.matrix = matrix;
        this.dims = dims;
        this.scopeOfRow = scopeOfRow;
        this.scopes = scopes;
    }

    /** Loads the vectors of {@code docs}, optionally of one lib_id (and version). */
    public static VectorIndex load(Connection conn, String libId, String version, int dims) throws SQLException {
        String where = libId == null ? "" : version == null ? " WHERE lib_id = ?" : " WHERE lib_id = ? AND version = ?";
        int count;
        try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM docs" + where)) {
            bind(ps, libId, version);
            try (ResultSet rs = ps.executeQuery()) {
                count = rs.next() ? rs.getInt(1) : 0;
            }
        }
        if ((long) count * dims > Integer.MAX_VALUE - 8) {
            // One float array holds a scope's vectors; a database claiming more is damaged or made up.
            throw new SQLException(count + " vectors of " + dims + " dimensions are more than one scope can load");
        }
        long[] ids = new long[count];
        float[] matrix = new float[count * dims];
        int[] scopeOfRow = new int[count];
        List<String> scopes = new ArrayList<>();
        Map<String, Integer> scopeNumbers = new HashMap<>();
        FloatBuffer target = FloatBuffer.wrap(matrix);
        int n = 0;
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT id, embedding, lib_id, version FROM docs" + where + " ORDER BY id")) {
            bind(ps, libId, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && n < count) {
                    byte[] blob = rs.getBytes(2);
                    if (blob == null || blob.length != dims * Float.BYTES) {
                        throw new SQLException("docs row " + rs.getLong(1) + " has an embedding of "
                            + (blob == null ? 0 : blob.length) + " bytes, expected " + dims * Float.BYTES);
                    }
                    String scope = scopeKey(rs.getString(3), rs.getString(4));
                    scopeOfRow[n] = scopeNumbers.computeIfAbsent(scope, key -> {
                        scopes.add(key);
                        return scopes.size() - 1;
                    });
                    ids[n++] = rs.getLong(1);
                    target.put(ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
                }
            }
        }
        return new VectorIndex(Arrays.copyOf(ids, n), n == count ? matrix : Arrays.copyOf(matrix, n * dims), dims,
            Arrays.copyOf(scopeOfRow, n), List.copyOf(scopes));
    }

    private static String scopeKey(String libId, String version) {
        return libId + "\u0000" + version;
    }

    private static void bind(PreparedStatement ps, String libId, String version) throws SQLException {
        if (libId != null) {
            ps.setString(1, libId);
            if (version != null) {
                ps.setString(2, version);
            }
        }
    }

    public int size() {
        return ids.length;
    }

    public int dims() {
        return dims;
    }

    /** The cosine of chunk {@code id} with {@code query}; -1 (the least there is) when the scope lacks it. */
    public float similarity(long id, float[] query) {
        int row = Arrays.binarySearch(ids, id); // loaded in id order
        return row < 0 ? -1f : dot(matrix, row * dims, query, dims);
    }

    /** The ids of the {@code k} most similar chunks, best first, with their scores. */
    public Ranked top(float[] query, int k) {
        return top(query, k, null);
    }

    /**
     * The same, among the rows of {@code libId} (and {@code version}, when not null) only: what an
     * index loaded for that scope would answer, without loading it.
     */
    public Ranked top(float[] query, int k, String libId, String version) {
        if (libId == null) {
            return top(query, k, null);
        }
        boolean[] inScope = new boolean[scopes.size()];
        String prefix = libId + "\u0000";
        for (int s = 0; s < inScope.length; s++) {
            String scope = scopes.get(s);
            inScope[s] = version == null ? scope.startsWith(prefix) : scope.equals(scopeKey(libId, version));
        }
        return top(query, k, inScope);
    }

    private Ranked top(float[] query, int k, boolean[] inScope) {
        if (query.length != dims) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + dims);
        }
        int keep = Math.min(k, ids.length);
        // A small sorted array beats a heap for the k of a search (tens): one compare per row mostly.
        long[] bestIds = new long[keep];
        float[] bestScores = new float[keep];
        Arrays.fill(bestScores, Float.NEGATIVE_INFINITY);
        float floor = Float.NEGATIVE_INFINITY;
        for (int row = 0, off = 0; row < ids.length; row++, off += dims) {
            if (inScope != null && !inScope[scopeOfRow[row]]) {
                continue;
            }
            float score = dot(matrix, off, query, dims);
            if (keep > 0 && score > floor) {
                int pos = keep - 1;
                while (pos > 0 && bestScores[pos - 1] < score) {
                    bestScores[pos] = bestScores[pos - 1];
                    bestIds[pos] = bestIds[pos - 1];
                    pos--;
                }
                bestScores[pos] = score;
                bestIds[pos] = ids[row];
                floor = bestScores[keep - 1];
            }
        }
        int found = 0;
        while (found < keep && bestScores[found] != Float.NEGATIVE_INFINITY) {
            found++;
        }
        // A narrow scope can hold fewer than k rows: the unfilled slots are not results.
        return found == keep ? new Ranked(bestIds, bestScores)
            : new Ranked(Arrays.copyOf(bestIds, found), Arrays.copyOf(bestScores, found));
    }

    /**
     * Eight independent accumulators: enough multiply-adds in flight for the JIT's scalar code
     * to keep up with memory (one accumulator would wait on each add's latency).
     */
    static float dot(float[] m, int off, float[] q, int dims) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < dims; i += 8) {
            int o = off + i;
            s0 += m[o] * q[i];
            s1 += m[o + 1] * q[i + 1];
            s2 += m[o + 2] * q[i + 2];
            s3 += m[o + 3] * q[i + 3];
            s4 += m[o + 4] * q[i + 4];
            s5 += m[o + 5] * q[i + 5];
            s6 += m[o + 6] * q[i + 6];
            s7 += m[o + 7] * q[i + 7];
        }
        for (; i < dims; i++) {
            s0 += m[off + i] * q[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The memory-bound reference for benchmarks: one sequential pass summing the same floats. */
    public double sequentialSum() {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < matrix.length; i += 4) {
            s0 += matrix[i];
            s1 += matrix[i + 1];
            s2 += matrix[i + 2];
            s3 += matrix[i + 3];
        }
        for (; i < matrix.length; i++) {
            s0 += matrix[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Ids best first, with their scores. */
    public record Ranked(long[] ids, float[] scores) {
    }
}
