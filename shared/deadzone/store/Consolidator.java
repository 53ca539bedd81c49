//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.store;

import deadzone.artifact.ArtifactIdentity;
import deadzone.artifact.ArtifactLayout;
import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.Meta;
import deadzone.artifact.Schema;
import deadzone.error.UserException;
import deadzone.log.Log;
import deadzone.release.EntryKey;
import deadzone.release.Manifest;
import deadzone.release.ManifestFile;
import deadzone.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges every artifact into one deadzone.db and writes its manifest beside it. Rows are copied by
 * SQLite itself (ATTACH and INSERT ... SELECT), so memory does not grow with the corpus; artifacts
 * are taken in slug order and rows in document order, so the same artifacts always give the same
 * rows, and the same manifest (docs/schema.md).
 */
public final class Consolidator {
    public record Result(int artifacts, int libs, long docs, long chunks, long bytes, String sha256,
                         List<String> skipped, Path manifest) {
    }

    private Consolidator() {
    }

    /**
     * Every artifact folder's check, in slug order; invalid ones carry their reason. {@code embedder}
     * is the identity the artifacts share (meta's embedder, embedder_model, embedder_dimensions).
     */
    public record Checked(List<ArtifactCheck.Valid> valid, List<String> invalid, Map<String, String> embedder) {
    }

    /**
     * Checks every artifact. The embedder they must share is the one most of them were built with
     * (the {@code preferred} one, normally the pinned default, on a tie), so a corpus built with
     * another model through --model-dir consolidates too, and a stray artifact of another model is
     * the one reported.
     */
    public static Checked checkAll(Path artifactsDir, EmbedderIdentity preferred) throws IOException {
        if (!Files.isDirectory(artifactsDir)) {
            throw new UserException(artifactsDir + ": no such folder (run ScrapeLib first, or pass --artifacts DIR)");
        }
        List<Path> folders = new ArrayList<>();
        // Dot-folders are work in progress of other tools (a RestoreCaches extraction), never artifacts.
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(artifactsDir,
                p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))) {
            dirs.forEach(folders::add);
        }
        folders.sort(null);
        Map<String, Map<String, String>> embedders = new TreeMap<>();
        Map<String, Integer> votes = new HashMap<>();
        for (Path folder : folders) {
            Map<String, String> meta = embedderMeta(ArtifactLayout.dbIn(folder));
            String canonical = meta.get(Schema.META_EMBEDDER);
            if (canonical != null) {
                embedders.putIfAbsent(canonical, meta);
                votes.merge(canonical, 1, Integer::sum);
            }
        }
        String chosen = votes.isEmpty() ? preferred.canonical() : votes.entrySet().stream()
            .max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(e -> e.getKey().equals(preferred.canonical()))
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
            .orElseThrow().getKey();
        List<ArtifactCheck.Valid> valid = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (Path folder : folders) {
            try {
                valid.add(ArtifactCheck.check(folder, ArtifactIdentity.current(chosen)));
            } catch (ArtifactCheck.Invalid e) {
                invalid.add(e.getMessage());
            }
        }
        Map<String, String> embedder = embedders.getOrDefault(chosen, Map.of(
            Schema.META_EMBEDDER, preferred.canonical(),
            Schema.META_EMBEDDER_MODEL, preferred.modelName(),
            Schema.META_EMBEDDER_DIMENSIONS, Integer.toString(preferred.dimensions())));
        return new Checked(valid, invalid, embedder);
    }

    /** The embedder rows of an artifact's meta; empty when it cannot be read (its check will say why). */
    private static Map<String, String> embedderMeta(Path db) {
        if (!Files.isRegularFile(db)) {
            return Map.of();
        }
        try (Connection conn = Sqlite.openReadOnly(db)) {
            Map<String, String> meta = Meta.read(conn);
            Map<String, String> out = new HashMap<>();
            for (String key : List.of(Schema.META_EMBEDDER, Schema.META_EMBEDDER_MODEL, Schema.META_EMBEDDER_DIMENSIONS)) {
                if (meta.get(key) != null) {
                    out.put(key, meta.get(key));
                }
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            return Map.of();
        }
    }

    public static Result build(List<ArtifactCheck.Valid> artifacts, Path target, Map<String, String> embedder,
                               List<String> skipped) throws IOException, SQLException {
        return build(artifacts, target, embedder, skipped, Map.of());
    }

    /**
     * Builds {@code target} and its manifest beside it ({@link ManifestFile#pathFor}), with each
     * entry's {@code restore} status when given. Both are written to scratch files first; the old
     * manifest goes before the new database is renamed in and the new manifest follows it, so no
     * moment shows a manifest beside a database it does not describe.
     */
    public static Result build(List<ArtifactCheck.Valid> artifacts, Path target, Map<String, String> embedder,
                               List<String> skipped, Map<EntryKey, String> restore) throws IOException, SQLException {
        Path manifestFile = ManifestFile.pathFor(target);
        AtomicFiles.removeLeftoverScratch(target); // what a killed earlier run left
        AtomicFiles.removeLeftoverScratch(manifestFile);
        Path scratch = AtomicFiles.scratchBeside(target);
        Path manifestScratch = null;
        try {
            long docs = 0;
            long chunks = 0;
            try (Connection conn = Sqlite.openScratch(scratch)) {
                Schema.create(conn);
                conn.setAutoCommit(false);
                Meta.write(conn, Meta.databaseRows(embedder.get(Schema.META_EMBEDDER),
                    embedder.getOrDefault(Schema.META_EMBEDDER_MODEL, ""),
                    embedder.getOrDefault(Schema.META_EMBEDDER_DIMENSIONS, "0")));
                int i = 0;
                for (ArtifactCheck.Valid a : artifacts) {
                    copy(conn, a);
                    docs += a.docs();
                    chunks += a.chunks();
                    Log.info("consolidate_artifact", "artifact", ++i + "/" + artifacts.size(),
                        "lib_id", a.libId(), "version", a.version(), "chunks", a.chunks());
                }
                try (Statement st = conn.createStatement()) {
                    st.execute("INSERT INTO docs_fts(docs_fts) VALUES('rebuild')");
                    st.execute("INSERT INTO docs_fts(docs_fts) VALUES('optimize')");
                }
                conn.commit();
                conn.setAutoCommit(true);
                try (Statement st = conn.createStatement()) {
                    st.execute("VACUUM");
                }
            }
            Manifest manifest = ManifestBuilder.describe(scratch, target.getFileName().toString(),
                fingerprints(artifacts), restore);
            manifestScratch = AtomicFiles.scratchBeside(manifestFile);
            Files.writeString(manifestScratch, manifest.toJson(), StandardCharsets.UTF_8);
            Files.deleteIfExists(manifestFile);
            AtomicFiles.publish(scratch, target);
            AtomicFiles.publish(manifestScratch, manifestFile);
            return new Result(artifacts.size(), artifacts.size(), docs, chunks, manifest.dbSize(), manifest.dbSha256(),
                skipped, manifestFile);
        } finally {
            Files.deleteIfExists(scratch);
            if (manifestScratch != null) {
                Files.deleteIfExists(manifestScratch);
            }
        }
    }

    private static Map<EntryKey, String> fingerprints(List<ArtifactCheck.Valid> artifacts) {
        Map<EntryKey, String> fingerprints = new HashMap<>();
        artifacts.forEach(a -> fingerprints.put(new EntryKey(a.libId(), a.version()), a.fingerprint()));
        return fingerprints;
    }

    private static void copy(Connection conn, ArtifactCheck.Valid a) throws SQLException {
        try (PreparedStatement attach = conn.prepareStatement("ATTACH DATABASE ? AS a")) {
            attach.setString(1, a.db().toAbsolutePath().toString());
            attach.execute();
        }
        try (Statement st = conn.createStatement()) {
            st.execute("""
                INSERT INTO libs(lib_id, version, kind, ref, description, doc_count, chunk_count, scraped_at, embedding)
                SELECT lib_id, version, kind, ref, description, doc_count, chunk_count, scraped_at, embedding FROM a.libs""");
            st.execute("""
                INSERT INTO docs(lib_id, version, url, title, heading_path, content, tokens, content_sha256, embedding,
                                 doc_index, chunk_index)
                SELECT lib_id, version, url, title, heading_path, content, tokens, content_sha256, embedding,
                       doc_index, chunk_index
                FROM a.docs ORDER BY doc_index, chunk_index, id""");
            st.execute("""
                INSERT INTO sources(lib_id, version, url, etag, last_modified, sha256, status)
                SELECT lib_id, version, url, etag, last_modified, sha256, status FROM a.sources ORDER BY url""");
        }
        conn.commit();
        try (Statement st = conn.createStatement()) {
            st.execute("DETACH DATABASE a");
        }
    }
}
