//SOURCES ../scripts/Consolidate.java
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/chunk/Chunk.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/github/RestoreReportCheck.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/release/EntryKey.java ../shared/deadzone/release/Manifest.java
//SOURCES ../shared/deadzone/release/ManifestEntry.java ../shared/deadzone/release/ManifestFile.java
//SOURCES ../shared/deadzone/store/ArtifactCheck.java ../shared/deadzone/store/ArtifactContent.java
//SOURCES ../shared/deadzone/store/ArtifactWriter.java ../shared/deadzone/store/Consolidator.java
//SOURCES ../shared/deadzone/store/ManifestBuilder.java ../shared/deadzone/store/SourceRecord.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/StoredChunk.java
//SOURCES ../shared/deadzone/store/StoredGoFile.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Failures.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java ../shared/deadzone/util/RunContext.java
//SOURCES ../shared/deadzone/util/Sleeper.java ../shared/deadzone/util/StepSummary.java
//SOURCES support/CliRun.java support/SyntheticArtifacts.java support/Tables.java support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.ModelPin;
import deadzone.store.Sqlite;
import deadzone.util.Hashes;
import deadzone.util.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.CliRun;
import support.SyntheticArtifacts;
import support.Tables;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsolidateTest {
    @TempDir
    Path dir;
    Path artifacts;
    Path db;

    @BeforeEach
    void threeGoodArtifacts() throws Exception {
        artifacts = dir.resolve("artifacts");
        db = dir.resolve("deadzone.db");
        SyntheticArtifacts.write(artifacts, "/acme/router", "1.0", 3, 40, 1);
        SyntheticArtifacts.write(artifacts, "/acme/router", "2.0", 3, 50, 2);
        SyntheticArtifacts.write(artifacts, "/other/lib", "", 2, 30, 3);
    }

    private CliRun consolidate(String... extra) {
        List<String> args = new ArrayList<>(List.of("--artifacts", artifacts.toString(), "--db", db.toString()));
        args.addAll(List.of(extra));
        return CliRun.run(new Consolidate(), args.toArray(String[]::new));
    }

    @Test
    void mergesEveryArtifactAndPrintsTheSummary() throws Exception {
        CliRun run = consolidate();
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(1, run.stdout().lines().count(), "one JSON line on stdout");
        assertTrue(run.stdout().contains("\"artifacts\":3") && run.stdout().contains("\"chunks\":120"), run.stdout());
        assertTrue(run.stdout().contains("\"sha256\":\"" + Hashes.sha256Hex(db) + "\""), run.stdout());
        try (Connection conn = Sqlite.openReadOnly(db)) {
            assertEquals(3, Tables.count(conn, "SELECT count(*) FROM libs"));
            assertEquals(120, Tables.count(conn, "SELECT count(*) FROM docs"));
            assertEquals(2, Tables.count(conn, "SELECT count(*) FROM libs WHERE lib_id = '/acme/router'"));
            assertEquals(1, Tables.count(conn, "SELECT count(*) FROM libs WHERE lib_id = '/other/lib' AND version = ''"));
            assertEquals(8, Tables.count(conn, "SELECT count(*) FROM sources"));
            // the full-text index covers the merged rows: a token unique to one chunk finds exactly it
            String token = "token_" + ("/other/lib".hashCode() & 0xffff) + "_7";
            assertEquals(1, Tables.count(conn, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH '" + token + "'"));
            assertEquals("/other/lib", Tables.string(conn,
                "SELECT d.lib_id FROM docs_fts f JOIN docs d ON d.id = f.rowid WHERE docs_fts MATCH '" + token + "'"));
            assertEquals("ok", Tables.string(conn, "PRAGMA integrity_check"));
        }
    }

    @Test
    void sameArtifactsGiveTheSameRows() throws Exception {
        assertEquals(0, consolidate().exitCode());
        String first = Tables.dump(db);
        Path copy = dir.resolve("first.db");
        Files.copy(db, copy);
        assertEquals(0, consolidate().exitCode());
        assertEquals(first, Tables.dump(db));
        assertFalse(first.isEmpty());
    }

    /** The manifest names this very database and describes each entry as docs/workflow.md says, the same bytes every time. */
    @Test
    void writesTheManifestBesideTheDatabase() throws Exception {
        Path report = Files.writeString(dir.resolve("restore-report.json"), "{\"run_id\":\"9\",\"entries\":["
            + "{\"lib_id\":\"/acme/router\",\"version\":\"1.0\",\"status\":\"cached\"},"
            + "{\"lib_id\":\"/acme/router\",\"version\":\"2.0\",\"status\":\"scraped\"},"
            + "{\"lib_id\":\"/other/lib\",\"version\":\"\",\"status\":\"stale\"}]}");
        CliRun run = consolidate("--report", report.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("\"manifest\":\"deadzone.manifest.json\""), run.stdout());
        Path file = dir.resolve("deadzone.manifest.json");
        JsonNode manifest = Json.MAPPER.readTree(file.toFile());
        assertEquals(1, manifest.path("manifest_version").asInt());
        assertEquals("deadzone.db", manifest.path("database").path("name").asText());
        assertEquals(Hashes.sha256Hex(db), manifest.path("database").path("sha256").asText());
        assertEquals(Files.size(db), manifest.path("database").path("size").asLong());
        assertEquals(ModelPin.DEFAULT.canonical(), manifest.path("embedder").path("identity").asText());
        assertEquals(120, manifest.path("totals").path("chunks").asInt());

        List<String> seen = new ArrayList<>();
        try (Connection conn = Sqlite.openReadOnly(db)) {
            for (JsonNode e : manifest.path("entries")) {
                String libId = e.path("lib_id").asText();
                String version = e.path("version").asText();
                seen.add(libId + "@" + version + "=" + e.path("restore").asText());
                assertEquals(SyntheticArtifacts.entry(libId, version).fingerprint(), e.path("fingerprint").asText());
                assertEquals("v" + version, e.path("ref").asText());
                assertEquals(Tables.count(conn, "SELECT count(*) FROM docs WHERE lib_id = '" + libId + "' AND version = '"
                    + version + "'"), e.path("chunks").asLong());
                // sha256 over each chunk's content_sha256 and "\n", in document order
                StringBuilder hashes = new StringBuilder();
                try (var st = conn.prepareStatement("SELECT content_sha256 FROM docs WHERE lib_id = ? AND version = ?"
                    + " ORDER BY doc_index, chunk_index")) {
                    st.setString(1, libId);
                    st.setString(2, version);
                    try (var rs = st.executeQuery()) {
                        while (rs.next()) {
                            hashes.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                assertEquals(Hashes.sha256Hex(hashes.toString()), e.path("content_sha256").asText(), libId + version);
            }
        }
        assertEquals(List.of("/acme/router@1.0=cached", "/acme/router@2.0=scraped", "/other/lib@=stale"), seen);

        byte[] first = Files.readAllBytes(file);
        assertEquals(0, consolidate("--report", report.toString()).exitCode());
        assertArrayEquals(first, Files.readAllBytes(file), "the same artifacts and report give the same bytes");
        assertEquals(0, consolidate().exitCode());
        assertFalse(Files.readString(file).contains("\"restore\""), "no report, no restore status");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"other embedder", "other schema version", "other pipeline version", "corrupted file",
        "lib identity not its folder", "not a database", "missing artifact.db"})
    void badArtifactFailsTheRunAndLeavesTheDatabaseUntouched(String defect) throws Exception {
        assertEquals(0, consolidate().exitCode());
        byte[] before = Files.readAllBytes(db);
        Path bad = damage(defect);

        CliRun run = consolidate();
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.errorLines().contains(bad.toString()), "names the bad file: " + run);
        assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run);
        assertArrayEquals(before, Files.readAllBytes(db), "the existing deadzone.db is byte-identical");
        try (Stream<Path> leftovers = Files.list(dir)) {
            assertEquals(List.of(), leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }

        CliRun skipping = consolidate("--skip-bad");
        assertEquals(0, skipping.exitCode(), skipping.toString());
        assertTrue(skipping.stdout().contains("\"skipped\":1"), skipping.stdout());
        try (Connection conn = Sqlite.openReadOnly(db)) {
            assertEquals(2, Tables.count(conn, "SELECT count(*) FROM libs"), "only the bad artifact is dropped");
        }
    }

    /** Breaks the /acme/router 2.0 artifact in one way and returns the path the message must name. */
    private Path damage(String defect) throws Exception {
        Path folder = artifacts.resolve("acme_router_2.0");
        Path artifactDb = folder.resolve("artifact.db");
        switch (defect) {
            case "other embedder" -> {
                EmbedderIdentity d = ModelPin.DEFAULT;
                SyntheticArtifacts.write(artifacts, "/acme/router", "2.0", 3, 50, 2, new EmbedderIdentity(
                    "another-model", "f".repeat(64), d.pooling(), d.queryPrefix(), d.documentPrefix(), d.maxTokens(), d.dimensions()));
            }
            case "other schema version" -> sql(artifactDb, "UPDATE meta SET value = '999' WHERE key = 'schema_version'");
            case "other pipeline version" -> sql(artifactDb, "UPDATE meta SET value = '0' WHERE key = 'pipeline_version'");
            case "corrupted file" -> {
                try (RandomAccessFile f = new RandomAccessFile(artifactDb.toFile(), "rw")) {
                    for (long pos = 4096; pos < f.length() - 4096; pos += 8192) {
                        f.seek(pos);
                        f.write(new byte[512]);
                    }
                }
            }
            case "lib identity not its folder" -> {
                Path moved = artifacts.resolve("acme_router_3.0");
                Files.move(folder, moved);
                return moved.resolve("artifact.db");
            }
            case "not a database" -> Files.writeString(artifactDb, "this is not SQLite");
            case "missing artifact.db" -> Files.delete(artifactDb);
            default -> throw new IllegalArgumentException(defect);
        }
        return artifactDb;
    }

    private static void sql(Path file, String statement) throws Exception {
        try (Connection conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = conn.createStatement()) {
            st.execute(statement);
        }
    }

    /** A corpus built with another model (ScrapeLib --model-dir) consolidates; the db records that model. */
    @Test
    void artifactsOfAnotherModelConsolidateWhenTheyAllAgree() throws Exception {
        EmbedderIdentity d = ModelPin.DEFAULT;
        EmbedderIdentity other = new EmbedderIdentity("my-model", "e".repeat(64), "mean", "q: ", "", 256, d.dimensions());
        artifacts = dir.resolve("other-model");
        SyntheticArtifacts.write(artifacts, "/acme/router", "1.0", 2, 10, 1, other);
        SyntheticArtifacts.write(artifacts, "/other/lib", "", 2, 10, 2, other);
        CliRun run = consolidate();
        assertEquals(0, run.exitCode(), run.toString());
        try (Connection conn = Sqlite.openReadOnly(db)) {
            assertEquals(other.canonical(), Tables.string(conn, "SELECT value FROM meta WHERE key = 'embedder'"));
            assertEquals("my-model", Tables.string(conn, "SELECT value FROM meta WHERE key = 'embedder_model'"));
        }
    }

    @Test
    void noArtifactsIsAFailureThatTouchesNothing() throws Exception {
        artifacts = dir.resolve("empty");
        Files.createDirectories(artifacts);
        CliRun run = consolidate();
        assertEquals(1, run.exitCode(), run.toString());
        assertFalse(Files.exists(db));
    }

    @Test
    void missingArtifactsFolderIsAUsageError() {
        artifacts = dir.resolve("nope");
        CliRun run = consolidate();
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.errorLines().contains("no such folder"), run.toString());
    }

    @Test
    void killedDuringConsolidationLeavesThePreviousDatabaseIntact() throws Exception {
        assertEquals(0, consolidate().exitCode());
        byte[] before = Files.readAllBytes(db);
        // Enough rows that the build is still running when the scratch file appears.
        for (int i = 0; i < 6; i++) {
            SyntheticArtifacts.write(artifacts, "/big/lib" + i, "", 50, 8000, 10 + i);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "Consolidate",
            "--artifacts", artifacts.toString(), "--db", db.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path scratch = null;
        while (child.isAlive() && scratch == null) {
            try (Stream<Path> files = Files.list(dir)) {
                scratch = files.filter(p -> p.getFileName().toString().startsWith(".deadzone.db.")).findFirst().orElse(null);
            }
            Thread.onSpinWait();
        }
        assertTrue(scratch != null, "the child started building before it ended: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertArrayEquals(before, Files.readAllBytes(db), "a killed consolidation leaves the old database as it was");

        CliRun again = consolidate();
        assertEquals(0, again.exitCode(), again.toString());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                "the next run removes what the killed one left");
        }
    }
}
