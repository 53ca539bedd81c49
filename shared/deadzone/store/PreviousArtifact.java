//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.store;

import deadzone.artifact.ArtifactIdentity;
import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.Meta;
import deadzone.chunk.Chunk;
import deadzone.log.Log;
import deadzone.parse.HeadingPath;
import deadzone.util.Hashes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an earlier artifact can lend a new scrape: vectors of texts already embedded with the
 * same model (whatever the pipeline version), and, when the pipeline is the same too, each
 * url's validators and chunks, so an unchanged url costs one 304 and no parsing.
 */
public final class PreviousArtifact {
    private final Map<String, float[]> vectorsByInput;
    private final Map<String, SourceRecord> sources;
    private final Map<String, List<StoredChunk>> chunksByUrl;

    private PreviousArtifact(Map<String, float[]> vectorsByInput, Map<String, SourceRecord> sources,
                             Map<String, List<StoredChunk>> chunksByUrl) {
        this.vectorsByInput = vectorsByInput;
        this.sources = sources;
        this.chunksByUrl = chunksByUrl;
    }

    /**
     * Empty when there is no artifact, it is unreadable, or it was embedded by another model.
     * Its chunks and validators are lent only when it was parsed the same way: the same
     * pipeline and the same {@code kind} (a url re-classified from markdown to HTML must be
     * parsed again, even if the server says it did not change).
     */
    public static Optional<PreviousArtifact> open(Path artifactDb, EmbedderIdentity embedder, String kind) {
        if (!Files.isRegularFile(artifactDb)) {
            return Optional.empty();
        }
        try (Connection conn = Sqlite.openReadOnly(artifactDb)) {
            ArtifactIdentity found = ArtifactIdentity.fromMeta(Meta.read(conn));
            ArtifactIdentity current = ArtifactIdentity.current(embedder);
            Optional<String> mismatch = found.mismatchWith(current.anyPipeline());
            if (mismatch.isPresent()) {
                Log.info("previous_artifact_ignored", "path", artifactDb.toString(), "reason", mismatch.get());
                return Optional.empty();
            }
            boolean samePipeline = found.compatibleWith(current);
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT kind FROM libs")) {
                samePipeline &= rs.next() && kind.equals(rs.getString(1));
            }
            Map<String, float[]> vectors = new HashMap<>();
            Map<String, List<StoredChunk>> chunksByUrl = new HashMap<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("""
                    SELECT url, title, heading_path, content, tokens, doc_index, chunk_index, embedding
                    FROM docs ORDER BY doc_index, chunk_index""")) {
                while (rs.next()) {
                    Chunk chunk = new Chunk(rs.getString(1), rs.getString(2), HeadingPath.split(rs.getString(3)), rs.getString(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7));
                    float[] vector = Vectors.fromBytes(rs.getBytes(8));
                    vectors.put(inputKey(chunk), vector);
                    chunksByUrl.computeIfAbsent(chunk.url(), u -> new ArrayList<>()).add(new StoredChunk(chunk, vector));
                }
            }
            Map<String, SourceRecord> sources = new HashMap<>();
            if (samePipeline) {
                try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT url, etag, last_modified, sha256, status FROM sources")) {
                    while (rs.next()) {
                        sources.put(rs.getString(1), new SourceRecord(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return Optional.of(new PreviousArtifact(vectors, sources, samePipeline ? chunksByUrl : Map.of()));
        } catch (SQLException | RuntimeException e) {
            Log.warn("previous_artifact_unreadable", artifactDb + " could not be read, scraping from scratch: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The reuse key: a hash of exactly what the model saw. */
    public static String inputKey(Chunk chunk) {
        return Hashes.sha256Hex(chunk.embeddingInput());
    }

    public Map<String, float[]> vectorsByInput() {
        return vectorsByInput;
    }

    /** The validators of a url fetched with the same pipeline, if it produced chunks then. */
    public Optional<SourceRecord> validatorsFor(String url) {
        SourceRecord s = sources.get(url);
        return s != null && chunksByUrl.containsKey(url) ? Optional.of(s) : Optional.empty();
    }

    /** The chunks an unchanged (304) url had, renumbered to its position in this run. */
    public List<StoredChunk> chunksFor(String url, int docIndex) {
        List<StoredChunk> out = new ArrayList<>();
        for (StoredChunk s : chunksByUrl.getOrDefault(url, List.of())) {
            Chunk c = s.chunk();
            out.add(new StoredChunk(new Chunk(c.url(), c.title(), c.headingPath(), c.text(), c.tokens(), docIndex,
                c.chunkIndex()), s.embedding()));
        }
        return out;
    }
}
