//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.store;

import deadzone.artifact.Meta;
import deadzone.artifact.Schema;
import deadzone.chunk.Chunk;
import deadzone.registry.ResolvedEntry;
import deadzone.util.AtomicFiles;
import deadzone.util.Hashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes artifacts/&lt;slug&gt;/artifact.db: built in a scratch file beside it and renamed over
 * the old one only when complete, so a failure or a kill leaves the previous artifact intact.
 */
public final class ArtifactWriter {
    private ArtifactWriter() {
    }

    public static void write(Path artifactDb, ArtifactContent content) throws IOException, SQLException {
        Path scratch = AtomicFiles.scratchBeside(artifactDb);
        try {
            try (Connection conn = Sqlite.openScratch(scratch)) {
                Schema.create(conn);
                conn.setAutoCommit(false);
                ResolvedEntry e = content.entry();
                Meta.write(conn, Meta.artifactRows(content.embedder(), e.libId(), e.version(), e.fingerprint()));
                writeLib(conn, content);
                writeDocs(conn, content);
                writeSources(conn, content);
                writeGoFiles(conn, content);
                try (Statement st = conn.createStatement()) {
                    st.execute("INSERT INTO docs_fts(docs_fts) VALUES('rebuild')");
                }
                conn.commit();
            }
            AtomicFiles.publish(scratch, artifactDb);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static void writeLib(Connection conn, ArtifactContent c) throws SQLException {
        ResolvedEntry e = c.entry();
        try (PreparedStatement ps = conn.prepareStatement("""
                INSERT INTO libs(lib_id, version, kind, ref, description, doc_count, chunk_count, scraped_at, embedding)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, e.libId());
            ps.setString(2, e.version());
            ps.setString(3, e.kind().yamlName());
            ps.setString(4, e.ref());
            ps.setString(5, e.description());
            ps.setInt(6, c.docCount());
            ps.setInt(7, c.chunks().size());
            ps.setString(8, c.scrapedAt());
            ps.setBytes(9, c.libEmbedding() == null ? null : Vectors.toBytes(c.libEmbedding()));
            ps.executeUpdate();
        }
    }

    private static void writeDocs(Connection conn, ArtifactContent c) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("""
                INSERT INTO docs(lib_id, version, url, title, heading_path, content, tokens, content_sha256,
                                 embedding, doc_index, chunk_index)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int pending = 0;
            for (StoredChunk stored : c.chunks()) {
                Chunk chunk = stored.chunk();
                ps.setString(1, c.entry().libId());
                ps.setString(2, c.entry().version());
                ps.setString(3, chunk.url());
                ps.setString(4, chunk.title());
                ps.setString(5, chunk.headingPathText());
                ps.setString(6, chunk.text());
                ps.setInt(7, chunk.tokens());
                ps.setString(8, Hashes.sha256Hex(chunk.text()));
                ps.setBytes(9, Vectors.toBytes(stored.embedding()));
                ps.setInt(10, chunk.docIndex());
                ps.setInt(11, chunk.chunkIndex());
                ps.addBatch();
                if (++pending == 500) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            ps.executeBatch();
        }
    }

    private static void writeGoFiles(Connection conn, ArtifactContent c) throws SQLException {
        if (c.goFiles().isEmpty()) {
            return;
        }
        try (Statement st = conn.createStatement()) {
            st.execute(Schema.GO_FILES_DDL);
        }
        try (PreparedStatement ps = conn.prepareStatement("""
                INSERT OR REPLACE INTO go_files(listing_url, name, download_url, git_sha, content) VALUES (?, ?, ?, ?, ?)""")) {
            for (StoredGoFile f : c.goFiles()) {
                ps.setString(1, f.listingUrl());
                ps.setString(2, f.name());
                ps.setString(3, f.downloadUrl());
                ps.setString(4, f.gitSha());
                ps.setBytes(5, f.content());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writeSources(Connection conn, ArtifactContent c) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("""
                INSERT OR REPLACE INTO sources(lib_id, version, url, etag, last_modified, sha256, status)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (SourceRecord s : c.sources()) {
                ps.setString(1, c.entry().libId());
                ps.setString(2, c.entry().version());
                ps.setString(3, s.url());
                ps.setString(4, s.etag());
                ps.setString(5, s.lastModified());
                ps.setString(6, s.sha256());
                ps.setString(7, s.status());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
