package deadzone.artifact;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The one schema of artifacts and deadzone.db (docs/schema.md). Embeddings are little-endian
 * float32 BLOBs; version is '' for single-version libraries, never NULL.
 */
public final class Schema {
    private Schema() {
    }

    public static final List<String> DDL = List.of(
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE libs(
          lib_id TEXT NOT NULL,
          version TEXT NOT NULL DEFAULT '',
          kind TEXT NOT NULL,
          ref TEXT,
          description TEXT,
          doc_count INTEGER NOT NULL,
          chunk_count INTEGER NOT NULL,
          scraped_at TEXT NOT NULL,
          embedding BLOB,
          PRIMARY KEY(lib_id, version))""",
        """
        CREATE TABLE docs(
          id INTEGER PRIMARY KEY,
          lib_id TEXT NOT NULL,
          version TEXT NOT NULL DEFAULT '',
          url TEXT NOT NULL,
          title TEXT NOT NULL,
          heading_path TEXT NOT NULL,
          content TEXT NOT NULL,
          tokens INTEGER NOT NULL,
          content_sha256 TEXT NOT NULL,
          embedding BLOB NOT NULL,
          doc_index INTEGER NOT NULL,
          chunk_index INTEGER NOT NULL)""",
        "CREATE INDEX docs_lib ON docs(lib_id, version, doc_index, chunk_index)",
        // Keeps identifiers such as add_tool whole; CamelCase words like APIRouter are one token anyway.
        """
        CREATE VIRTUAL TABLE docs_fts USING fts5(
          title, heading_path, content,
          content='docs', content_rowid='id',
          tokenize="unicode61 tokenchars '_'")""",
        """
        CREATE TABLE sources(
          lib_id TEXT NOT NULL,
          version TEXT NOT NULL DEFAULT '',
          url TEXT NOT NULL,
          etag TEXT,
          last_modified TEXT,
          sha256 TEXT,
          status TEXT NOT NULL,
          PRIMARY KEY(lib_id, version, url))""");

    /**
     * Only in the artifact of a godoc entry listed through GitHub's Contents API: the Go files its
     * package was read from, by listing and name, so that the next run downloads only the files
     * whose git blob sha changed. Consolidate does not copy it into deadzone.db.
     */
    public static final String GO_FILES_TABLE = "go_files";
    public static final String GO_FILES_DDL = """
        CREATE TABLE go_files(
          listing_url TEXT NOT NULL,
          name TEXT NOT NULL,
          download_url TEXT NOT NULL,
          git_sha TEXT NOT NULL,
          content BLOB NOT NULL,
          PRIMARY KEY(listing_url, name))""";

    /** Meta keys every database carries. */
    public static final String META_SCHEMA_VERSION = "schema_version";
    public static final String META_PIPELINE_VERSION = "pipeline_version";
    public static final String META_EMBEDDER = "embedder";
    public static final String META_EMBEDDER_MODEL = "embedder_model";
    public static final String META_EMBEDDER_DIMENSIONS = "embedder_dimensions";
    /** Meta keys of an artifact only. */
    public static final String META_LIB_ID = "lib_id";
    public static final String META_VERSION = "version";
    public static final String META_FINGERPRINT = "fingerprint";

    /** Creates every table of the schema in an empty database. */
    public static void create(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (String ddl : DDL) {
                st.execute(ddl);
            }
        }
    }
}
