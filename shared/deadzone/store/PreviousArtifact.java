//DEPS org.xerial:sqlite-jdbc:3.51.1.0
package deadzone.store;

import deadzone.artifact.ArtifactIdentity;
import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.Meta;
import deadzone.artifact.Schema;
import deadzone.chunk.Chunk;
import deadzone.log.Log;
import deadzone.parse.HeadingPath;
import deadzone.util.Hashes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an earlier artifact can lend a new scrape: vectors of texts already embedded with the
 * same model (whatever the pipeline version), and, when the pipeline is the same too, each
 * url's validators and chunks, so an unchanged url costs one 304 and no parsing. A godoc
 * artifact also lends the Go files its packages were read from, by git blob sha.
 */
public final class PreviousArtifact {
    private final Map<String, float[]> vectorsByInput;
    private final Map<String, SourceRecord> sources;
    private final Map<String, List<StoredChunk>> chunksByUrl;
    private final List<StoredGoFile> goFiles;

    private PreviousArtifact(Map<String, float[]> vectorsByInput, Map<String, SourceRecord> sources,
                             Map<String, List<StoredChunk>> chunksByUrl, List<StoredGoFile> goFiles) {
        this.vectorsByInput = vectorsByInput;
        this.sources = sources;
        this.chunksByUrl = chunksByUrl;
        this.goFiles = goFiles;
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
            return Optional.of(new PreviousArtifact(vectors, sources, samePipeline ? chunksByUrl : Map.of(), goFiles(conn)));
        } catch (SQLException | RuntimeException e) {
            Log.warn("previous_artifact_unreadable", artifactDb + " could not be read, scraping from scratch: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The go_files rows of a godoc artifact (none in another): file bytes do not depend on the pipeline. */
    private static List<StoredGoFile> goFiles(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, Schema.GO_FILES_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) == 0) {
                    return List.of();
                }
            }
        }
        List<StoredGoFile> files = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT listing_url, name, download_url, git_sha, content FROM go_files ORDER BY listing_url, name")) {
            while (rs.next()) {
                files.add(new StoredGoFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5)));
            }
        }
        return files;
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

    /**
     * The validators of a url whose documents are stored under other urls (a godoc listing: its
     * documents are named after pkg.go.dev, each {@code chunkUrlPrefix + anchor}), if they are there.
     */
    public Optional<SourceRecord> validatorsFor(String url, String chunkUrlPrefix) {
        SourceRecord s = sources.get(url);
        return s != null && chunksByUrl.keySet().stream().anyMatch(u -> u.startsWith(chunkUrlPrefix)) ? Optional.of(s) : Optional.empty();
    }

    /** The chunks an unchanged (304) url had, renumbered to its position in this run. */
    public List<StoredChunk> chunksFor(String url, int docIndex) {
        return renumbered(chunksByUrl.getOrDefault(url, List.of()), docIndex);
    }

    /** The chunks of every document whose url starts with {@code chunkUrlPrefix}, in their order, renumbered to {@code docIndex}. */
    public List<StoredChunk> chunksUnder(String chunkUrlPrefix, int docIndex) {
        List<StoredChunk> under = new ArrayList<>();
        chunksByUrl.forEach((u, chunks) -> {
            if (u.startsWith(chunkUrlPrefix)) {
                under.addAll(chunks);
            }
        });
        under.sort(Comparator.comparingInt((StoredChunk s) -> s.chunk().docIndex()).thenComparingInt(s -> s.chunk().chunkIndex()));
        return renumbered(under, docIndex);
    }

    private static List<StoredChunk> renumbered(List<StoredChunk> chunks, int docIndex) {
        List<StoredChunk> out = new ArrayList<>();
        for (StoredChunk s : chunks) {
            Chunk c = s.chunk();
            out.add(new StoredChunk(new Chunk(c.url(), c.title(), c.headingPath(), c.text(), c.tokens(), docIndex,
                c.chunkIndex()), s.embedding()));
        }
        return out;
    }

    /** The Go files a listing named last time (the package of an unchanged listing is read from these). */
    public List<StoredGoFile> goFilesOf(String listingUrl) {
        return goFiles.stream().filter(f -> f.listingUrl().equals(listingUrl)).toList();
    }

    /** The bytes of a Go file whose git blob sha is {@code gitSha}, if any listing of this artifact had it. */
    public Optional<byte[]> goFile(String gitSha) {
        return goFiles.stream().filter(f -> f.gitSha().equals(gitSha)).map(StoredGoFile::content).findFirst();
    }
}
