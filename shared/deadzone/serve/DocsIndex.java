package deadzone.serve;

import deadzone.artifact.Meta;
import deadzone.embed.Embedder;
import deadzone.error.RunFailure;
import deadzone.error.UserException;
import deadzone.log.Log;
import deadzone.search.Hit;
import deadzone.search.HybridSearch;
import deadzone.search.LibHit;
import deadzone.store.Sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The database as the server answers from it: opened read-only and checked against the server's
 * model at start, then every vector and the libs table loaded once in the background while the
 * model loads too (so the client's handshake is not kept waiting). Tool calls may come concurrently: queries
 * are embedded in parallel, the SQLite connection is used by one call at a time.
 */
public final class DocsIndex implements AutoCloseable {
    /** A call arriving while the model and vectors still load waits this long at most. */
    private static final long LOAD_WAIT_SECONDS = 120;

    private final Path db;
    private final HybridSearch search;
    private final Map<String, List<String>> versions;
    private final ExecutorService loader;
    private final CompletableFuture<Embedder> embedder;
    private final CompletableFuture<Void> vectors;

    private DocsIndex(Path db, HybridSearch search, Map<String, List<String>> versions, ServerModel model) {
        this.db = db;
        this.search = search;
        this.versions = versions;
        this.loader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "serve-load");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        this.embedder = model.embedder();
        this.vectors = CompletableFuture.runAsync(() -> {
            synchronized (search) {
                try {
                    search.preload();
                } catch (SQLException e) {
                    throw new RunFailure(db + ": cannot read its vectors (" + firstLine(e) + "); rebuild it with Consolidate", e);
                }
            }
        }, loader);
        CompletableFuture.allOf(embedder, vectors).whenComplete((ok, failure) -> {
            if (failure == null) {
                Log.info("serve_loaded", "db", db, "ms", (System.nanoTime() - start) / 1_000_000);
            } else {
                Log.error("serve_load_failed", messageOf(failure));
            }
        });
    }

    /**
     * Opens {@code db} for serving: one clear line (and no server) when it is missing, unreadable,
     * or was built with another schema or embedder than {@code model}.
     */
    public static DocsIndex open(Path db, ServerModel model) {
        if (!Files.isRegularFile(db)) {
            throw new UserException(db + ": no such database (pass --db FILE, or leave --db out to serve the release's)");
        }
        Map<String, String> meta;
        Map<String, List<String>> versions = new LinkedHashMap<>();
        try (Connection conn = Sqlite.openReadOnly(db)) {
            meta = Meta.read(conn);
            try (var st = conn.createStatement();
                 var rs = st.executeQuery("SELECT lib_id, version FROM libs ORDER BY lib_id, version")) {
                while (rs.next()) {
                    versions.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw HybridSearch.notDeadzone(db, Sqlite.reason(e));
        }
        DatabaseCompatibility.check(db, meta, model.identity());
        return new DocsIndex(db, HybridSearch.open(db), Map.copyOf(versions), model);
    }

    public Path path() {
        return db;
    }

    /** Every lib_id with its versions ('' for a library with one unnamed version), as loaded at start. */
    Map<String, List<String>> versions() {
        return versions;
    }

    /** The same ranking as {@code Search}: one code path, {@link HybridSearch#search}. */
    List<Hit> search(String query, String libId, String version, int limit, int tokens) throws SQLException {
        Embedder embedder = ready();
        synchronized (search) {
            return search.search(query, embedder::embedQuery, libId, version, limit, tokens);
        }
    }

    /** Libraries ranked for {@code name} ({@link HybridSearch#searchLibs}), or all of them by size when null. */
    List<LibHit> libraries(String name, int limit) throws SQLException {
        if (name == null) {
            synchronized (search) {
                return search.libraries(limit);
            }
        }
        float[] vector = ready().embedQuery(name);
        synchronized (search) {
            return search.searchLibs(name, vector, limit);
        }
    }

    /** Waits for the background load; a failed load is every call's error. */
    private Embedder ready() {
        try {
            vectors.get(LOAD_WAIT_SECONDS, TimeUnit.SECONDS);
            return embedder.get(LOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new RunFailure("the database could not be loaded: " + messageOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new RunFailure("the database is still loading after " + LOAD_WAIT_SECONDS + " s; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailure("interrupted while the database loads");
        }
    }

    private static String messageOf(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        return cause instanceof RunFailure || cause instanceof UserException ? cause.getMessage()
            : "unexpected error: " + cause;
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    }

    @Override
    public void close() throws SQLException {
        loader.shutdownNow();
        synchronized (search) {
            search.close();
        }
    }
}
