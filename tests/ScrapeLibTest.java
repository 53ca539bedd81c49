//SOURCES ../scripts/Consolidate.java ../scripts/ScrapeLib.java
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/artifact/ScrapeState.java ../shared/deadzone/artifact/SkippedUrl.java
//SOURCES ../shared/deadzone/artifact/StateFile.java
//SOURCES ../shared/deadzone/chunk/Chunk.java ../shared/deadzone/chunk/Chunker.java
//SOURCES ../shared/deadzone/chunk/SectionSplitter.java ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/HelpOption.java
//SOURCES ../shared/deadzone/cli/LibSelection.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/cli/RegistryOptions.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/fetch/CappedBody.java ../shared/deadzone/fetch/DocumentText.java
//SOURCES ../shared/deadzone/fetch/FetchResult.java ../shared/deadzone/fetch/FetchSettings.java
//SOURCES ../shared/deadzone/fetch/Fetcher.java ../shared/deadzone/fetch/FetchingIncludeSource.java
//SOURCES ../shared/deadzone/fetch/GitHubAuth.java ../shared/deadzone/fetch/Validators.java
//SOURCES ../shared/deadzone/github/RestoreReportCheck.java
//SOURCES ../shared/deadzone/godoc/BuildConstraints.java ../shared/deadzone/godoc/ChecksumDatabase.java
//SOURCES ../shared/deadzone/godoc/CommentGroups.java ../shared/deadzone/godoc/CommentText.java
//SOURCES ../shared/deadzone/godoc/ContentsListing.java ../shared/deadzone/godoc/DirHash.java
//SOURCES ../shared/deadzone/godoc/DocComment.java ../shared/deadzone/godoc/DocumentBuilder.java
//SOURCES ../shared/deadzone/godoc/GoDocs.java ../shared/deadzone/godoc/GoDocument.java
//SOURCES ../shared/deadzone/godoc/GoFile.java ../shared/deadzone/godoc/GoFileProblem.java
//SOURCES ../shared/deadzone/godoc/GoFileReader.java ../shared/deadzone/godoc/GoLexer.java
//SOURCES ../shared/deadzone/godoc/GoPackageDocs.java ../shared/deadzone/godoc/GoPackageUrl.java
//SOURCES ../shared/deadzone/godoc/GoSkippedFile.java ../shared/deadzone/godoc/GoSourceFile.java
//SOURCES ../shared/deadzone/godoc/GoSyntaxException.java ../shared/deadzone/godoc/GoTokens.java
//SOURCES ../shared/deadzone/godoc/ModulePath.java ../shared/deadzone/godoc/ModuleSourceException.java
//SOURCES ../shared/deadzone/godoc/ModuleZip.java ../shared/deadzone/godoc/NoteVerifier.java
//SOURCES ../shared/deadzone/godoc/PackageOverview.java ../shared/deadzone/godoc/PackageReader.java
//SOURCES ../shared/deadzone/godoc/ZipReader.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/AtxHeading.java ../shared/deadzone/parse/BlankLines.java
//SOURCES ../shared/deadzone/parse/CachingIncludeSource.java ../shared/deadzone/parse/CodeLanguages.java
//SOURCES ../shared/deadzone/parse/DocumentNames.java ../shared/deadzone/parse/Fence.java
//SOURCES ../shared/deadzone/parse/FenceTracker.java ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/parse/HtmlParser.java ../shared/deadzone/parse/HtmlToMarkdown.java
//SOURCES ../shared/deadzone/parse/IncludeBase.java ../shared/deadzone/parse/IncludeResolver.java
//SOURCES ../shared/deadzone/parse/IncludeSource.java ../shared/deadzone/parse/MarkdownIncludes.java
//SOURCES ../shared/deadzone/parse/MarkdownParser.java ../shared/deadzone/parse/OutputBudget.java
//SOURCES ../shared/deadzone/parse/ParseLimitExceeded.java ../shared/deadzone/parse/ParsedDocument.java
//SOURCES ../shared/deadzone/parse/Parsers.java ../shared/deadzone/parse/RstBlocks.java
//SOURCES ../shared/deadzone/parse/RstInline.java ../shared/deadzone/parse/RstParser.java
//SOURCES ../shared/deadzone/parse/Section.java ../shared/deadzone/parse/SectionCollector.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/LibrarySpec.java
//SOURCES ../shared/deadzone/registry/Registry.java ../shared/deadzone/registry/RegistryException.java
//SOURCES ../shared/deadzone/registry/RegistryLoader.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/registry/Slugs.java ../shared/deadzone/registry/VersionSpec.java
//SOURCES ../shared/deadzone/release/EntryKey.java ../shared/deadzone/release/Manifest.java
//SOURCES ../shared/deadzone/release/ManifestEntry.java ../shared/deadzone/release/ManifestFile.java
//SOURCES ../shared/deadzone/scrape/EntryFailure.java ../shared/deadzone/scrape/EntryReport.java
//SOURCES ../shared/deadzone/scrape/EntryScraper.java ../shared/deadzone/scrape/EntryTally.java
//SOURCES ../shared/deadzone/scrape/GoPackageScraper.java ../shared/deadzone/scrape/LibraryText.java
//SOURCES ../shared/deadzone/scrape/ScrapeRun.java ../shared/deadzone/scrape/VectorReuse.java
//SOURCES ../shared/deadzone/store/ArtifactCheck.java ../shared/deadzone/store/ArtifactContent.java
//SOURCES ../shared/deadzone/store/ArtifactWriter.java ../shared/deadzone/store/Consolidator.java
//SOURCES ../shared/deadzone/store/ManifestBuilder.java ../shared/deadzone/store/PreviousArtifact.java
//SOURCES ../shared/deadzone/store/SourceRecord.java ../shared/deadzone/store/Sqlite.java
//SOURCES ../shared/deadzone/store/StoredChunk.java ../shared/deadzone/store/StoredGoFile.java
//SOURCES ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/StepSummary.java ../shared/deadzone/util/Trees.java ../shared/deadzone/util/Utf8.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES GoDocGoldenTest.java GodocReferenceTest.java GodocScrapeTest.java
//SOURCES support/CliRun.java support/FileTrees.java support/FixtureBuild.java support/FixtureRegistry.java
//SOURCES support/GoModules.java support/Project.java support/StateYaml.java support/Tables.java
//SOURCES support/UserFacingLines.java

import deadzone.artifact.ModelPin;
import deadzone.store.ArtifactCheck;
import deadzone.store.Sqlite;
import fakes.DocServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.FileTrees;
import support.FixtureBuild;
import support.StateYaml;
import support.Tables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScrapeLibTest {
    static final List<String> FIXTURE_SLUGS = List.of("modelcontextprotocol_go-sdk_1.4", "modelcontextprotocol_go-sdk_1.5",
        "fastapi_fastapi_0.134", "fastapi_fastapi_0.135", "pallets_flask", "remkop_picocli");
    /** The fixtures' Go packages (kind: godoc), which the fixture build scrapes after the registry's entries. */
    static final List<String> GO_SLUGS = GodocReferenceTest.PACKAGES.stream().map(GodocReferenceTest::slug).toList();

    @TempDir
    Path dir;

    static FixtureBuild build() throws Exception {
        return FixtureBuild.get(ScrapeLib::new, Consolidate::new);
    }

    // ---- the fixture registry, end to end ----

    @Test
    void everyFixtureEntryGetsAnArtifactAndFastapiReportsItsMissingUrl() throws Exception {
        FixtureBuild b = build();
        assertEquals(0, b.scrape.exitCode(), b.scrape.errorLines());
        try (Stream<Path> folders = Files.list(b.artifacts)) {
            assertEquals(Stream.concat(FIXTURE_SLUGS.stream(), GO_SLUGS.stream()).sorted().toList(),
                folders.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList());
        }
        for (String slug : Stream.concat(FIXTURE_SLUGS.stream(), GO_SLUGS.stream()).toList()) {
            ArtifactCheck.Valid valid = ArtifactCheck.check(b.artifacts.resolve(slug), ModelPin.DEFAULT);
            assertTrue(valid.chunks() > 0, slug);
            Map<String, Object> state = StateYaml.read(b.artifacts, slug);
            assertEquals(((Number) state.get("chunk_count")).longValue(), valid.chunks(), slug);
            assertEquals("", state.get("run_id"));
        }
        for (String slug : List.of("fastapi_fastapi_0.134", "fastapi_fastapi_0.135")) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> skipped = (List<Map<String, String>>) StateYaml.read(b.artifacts, slug).get("skipped");
            assertEquals(1, skipped.size(), slug + ": " + skipped);
            assertTrue(skipped.get(0).get("url").endsWith("/docs/en/docs/background-tasks.md"), skipped.toString());
            assertTrue(skipped.get(0).get("reason").contains("404"), skipped.toString());
            assertEquals(100, ((Number) StateYaml.read(b.artifacts, slug).get("doc_count")).intValue());
        }
    }

    @Test
    void fastapiSectionsCarryTheIncludedPythonCode() throws Exception {
        FixtureBuild b = build();
        try (Connection conn = Sqlite.openReadOnly(b.artifacts.resolve("fastapi_fastapi_0.135/artifact.db"))) {
            assertEquals(0, Tables.count(conn, "SELECT count(*) FROM docs WHERE content LIKE '%{* %*}%'"),
                "no include directive is left unresolved");
            assertTrue(Tables.count(conn, "SELECT count(*) FROM docs WHERE url LIKE '%/tutorial/body.md' "
                + "AND content LIKE '%class Item(BaseModel):%' AND content LIKE '%```%'") > 0,
                "tutorial/body.md holds the Item model from docs_src as fenced code");
            assertTrue(Tables.count(conn, "SELECT count(*) FROM docs WHERE content LIKE '%from fastapi import FastAPI%'") > 20);
        }
    }

    @Test
    void noStoredChunkIsOverTheModelWindow() throws Exception {
        FixtureBuild b = build();
        for (String slug : Stream.concat(FIXTURE_SLUGS.stream(), GO_SLUGS.stream()).toList()) {
            try (Connection conn = Sqlite.openReadOnly(b.artifacts.resolve(slug).resolve("artifact.db"))) {
                long max = Tables.count(conn, "SELECT max(tokens) FROM docs");
                assertTrue(max > 0 && max <= ModelPin.DEFAULT.maxTokens(), slug + " max tokens " + max);
            }
        }
    }

    @Test
    void theMainJobMakesOneDatabaseOfEveryLibraryAndEveryArtifactsDocs() throws Exception {
        FixtureBuild b = build();
        assertEquals(0, b.consolidate.exitCode(), b.consolidate.toString());
        long artifactChunks = 0;
        for (String slug : Stream.concat(FIXTURE_SLUGS.stream(), GO_SLUGS.stream()).toList()) {
            try (Connection conn = Sqlite.openReadOnly(b.artifacts.resolve(slug).resolve("artifact.db"))) {
                artifactChunks += Tables.count(conn, "SELECT count(*) FROM docs");
            }
        }
        try (Connection conn = Sqlite.openReadOnly(b.db)) {
            assertEquals(17, Tables.count(conn, "SELECT count(*) FROM libs"), "6 entries and 11 Go packages");
            assertEquals(17, Tables.count(conn, "SELECT count(DISTINCT lib_id || '@' || version) FROM docs"));
            assertEquals(artifactChunks, Tables.count(conn, "SELECT count(*) FROM docs"));
        }
    }

    @Test
    void anUnchangedReRunEmbedsNothingAndCostsOne304PerUrl() throws Exception {
        FixtureBuild b = build();
        Path again = dir.resolve("artifacts");
        FileTrees.copy(b.artifacts, again);
        b.server.clearRequests();
        CliRun run = CliRun.run(new ScrapeLib(), "--config", b.registry.toString(), "--artifacts", again.toString());
        assertEquals(0, run.exitCode(), run.errorLines());
        int documents = 0;
        for (String slug : Stream.concat(FIXTURE_SLUGS.stream(), GO_SLUGS.stream()).toList()) {
            Map<String, Object> state = StateYaml.read(again, slug);
            assertEquals(0, ((Number) state.get("chunks_embedded")).intValue(), slug + " embedded nothing");
            assertEquals(state.get("chunk_count"), state.get("chunks_reused"), slug);
            assertEquals(state.get("doc_count"), state.get("urls_not_modified"), slug);
            documents += ((Number) state.get("doc_count")).intValue();
        }
        List<DocServer.Request> requests = b.server.requests();
        long notModified = requests.stream().filter(r -> r.status() == 304).count();
        long conditional = requests.stream().filter(r -> r.header("If-None-Match") != null).count();
        long full = requests.stream().filter(r -> r.status() == 200).count();
        assertEquals(documents, notModified, "one 304 per document url");
        assertTrue(documents > 290, "the fixture corpus has ~300 document urls: " + documents);
        assertEquals(conditional, notModified, "every conditional request was answered 304");
        assertEquals(0, full, "no document was downloaded again");
    }

    // ---- failures, on a small registry of our own ----

    private DocServer smallDocs(int pages) throws Exception {
        Path docs = dir.resolve("docs");
        Files.createDirectories(docs);
        for (int i = 0; i < pages; i++) {
            Files.writeString(docs.resolve("page" + i + ".md"), "# Page " + i + "\n\nIntro of page " + i
                + ".\n\n## Usage\n\nCall `widget_" + i + "()` to build a widget.\n\n```python\nwidget_" + i + "()\n```\n");
        }
        return DocServer.builder().mount("/docs/", docs).start();
    }

    private Path smallRegistry(DocServer server, int pages) throws Exception {
        StringBuilder yaml = new StringBuilder("libraries:\n  - lib_id: /acme/widgets\n    kind: github-md\n    urls:\n");
        for (int i = 0; i < pages; i++) {
            yaml.append("      - ").append(server.url("/docs/page" + i + ".md")).append('\n');
        }
        yaml.append("  - lib_id: /acme/gadgets\n    kind: github-md\n    urls:\n      - ").append(server.url("/docs/page0.md")).append('\n');
        Path file = dir.resolve("registry.yaml");
        Files.writeString(file, yaml.toString());
        return file;
    }

    @Test
    void moreSkippedUrlsThanTheCeilingFailTheEntryAndKeepThePreviousArtifact() throws Exception {
        try (DocServer server = smallDocs(5)) {
            Path registry = smallRegistry(server, 5);
            Path artifacts = dir.resolve("artifacts");
            CliRun first = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString());
            assertEquals(0, first.exitCode(), first.errorLines());
            Path artifact = artifacts.resolve("acme_widgets/artifact.db");
            byte[] before = Files.readAllBytes(artifact);
            byte[] stateBefore = Files.readAllBytes(artifacts.resolve("acme_widgets/state.yaml"));

            // Three urls the last good run never had, all gone: nothing to fall back on.
            Files.writeString(registry, Files.readString(registry).replace("/docs/page1.md", "/docs/gone1.md")
                .replace("/docs/page2.md", "/docs/gone2.md").replace("/docs/page3.md", "/docs/gone3.md"));
            CliRun run = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString(),
                "--skip-ceiling", "2");
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.errorLines().contains("/acme/widgets") && run.errorLines().contains("ceiling"), run.errorLines());
            assertArrayEquals(before, Files.readAllBytes(artifact), "the previous artifact is byte-identical");
            assertArrayEquals(stateBefore, Files.readAllBytes(artifacts.resolve("acme_widgets/state.yaml")));
            assertTrue(Files.isRegularFile(artifacts.resolve("acme_gadgets/artifact.db")), "the other entry is still written");
            assertFalse(run.stderr().contains("\tat "), "no stack trace");
        }
    }

    @Test
    void anOutageKeepsTheChunksTheLastGoodRunHad() throws Exception {
        try (DocServer server = smallDocs(3)) {
            Path registry = smallRegistry(server, 3);
            Path artifacts = dir.resolve("artifacts");
            assertEquals(0, CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString(),
                "--lib", "/acme/widgets").exitCode());
            Object chunks = StateYaml.read(artifacts, "acme_widgets").get("chunk_count");
            server.failAlways("/docs/page1.md", 503);
            CliRun run = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString(),
                "--lib", "/acme/widgets");
            assertEquals(0, run.exitCode(), run.errorLines());
            Map<String, Object> state = StateYaml.read(artifacts, "acme_widgets");
            assertEquals(chunks, state.get("chunk_count"), "no chunk was dropped");
            assertEquals(0, ((Number) state.get("chunks_embedded")).intValue());
            @SuppressWarnings("unchecked")
            List<String> stale = (List<String>) state.get("stale_urls");
            assertEquals(1, stale.size(), stale.toString());
            assertTrue(stale.get(0).contains("page1.md") && stale.get(0).contains("503"), stale.toString());

            // The whole site down: not a new artifact made of old copies, but a failed entry.
            byte[] before = Files.readAllBytes(artifacts.resolve("acme_widgets/artifact.db"));
            server.failAlways("/docs/", 503);
            CliRun down = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString(),
                "--lib", "/acme/widgets");
            assertEquals(1, down.exitCode(), down.toString());
            assertTrue(down.errorLines().contains("no url answered"), down.errorLines());
            assertArrayEquals(before, Files.readAllBytes(artifacts.resolve("acme_widgets/artifact.db")));
        }
    }

    @Test
    void aSkippedUrlUnderTheCeilingIsReportedAndTheEntrySucceeds() throws Exception {
        try (DocServer server = smallDocs(3)) {
            Path registry = smallRegistry(server, 3);
            server.failAlways("/docs/page2.md", 404);
            Path artifacts = dir.resolve("artifacts");
            CliRun run = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString(),
                "--lib", "/acme/widgets");
            assertEquals(0, run.exitCode(), run.toString());
            @SuppressWarnings("unchecked")
            List<Map<String, String>> skipped = (List<Map<String, String>>) StateYaml.read(artifacts, "acme_widgets").get("skipped");
            assertEquals(1, skipped.size());
            assertTrue(skipped.get(0).get("url").endsWith("page2.md"));
            assertEquals(2, ((Number) StateYaml.read(artifacts, "acme_widgets").get("doc_count")).intValue());
            assertFalse(Files.exists(artifacts.resolve("acme_gadgets")), "--lib scrapes only that library");
        }
    }

    @Test
    void aForbiddenUrlFailsTheEntryWithExitOne() throws Exception {
        try (DocServer server = smallDocs(2)) {
            Path registry = smallRegistry(server, 2);
            server.failAlways("/docs/page1.md", 403);
            CliRun run = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts",
                dir.resolve("artifacts").toString(), "--lib", "/acme/widgets");
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.errorLines().contains("403"), run.errorLines());
            assertFalse(Files.exists(dir.resolve("artifacts/acme_widgets/artifact.db")));
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        try (DocServer server = smallDocs(1)) {
            Path registry = smallRegistry(server, 1);
            CliRun unknownLib = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--lib", "/nope/nope");
            assertEquals(2, unknownLib.exitCode(), unknownLib.toString());
            assertEquals(1, unknownLib.errorLines().lines().count(), unknownLib.toString());
            Files.writeString(registry, "libraries:\n  - lib_id: broken\n");
            CliRun badRegistry = CliRun.run(new ScrapeLib(), "--config", registry.toString());
            assertEquals(2, badRegistry.exitCode());
            assertTrue(badRegistry.errorLines().contains("must start with '/'"), badRegistry.toString());
            CliRun badParallel = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--parallel", "0");
            assertEquals(2, badParallel.exitCode());
        }
    }

    @Test
    void aKillDuringTheWriteLeavesNoPartialArtifact() throws Exception {
        Path docs = dir.resolve("docs");
        Files.createDirectories(docs);
        StringBuilder big = new StringBuilder("# Big\n\n");
        for (int i = 0; i < 400; i++) {
            big.append("## Part ").append(i).append("\n\n").append(("Words about part " + i + " and its gadget. ").repeat(30)).append("\n\n");
        }
        Files.writeString(docs.resolve("big.md"), big);
        try (DocServer server = DocServer.builder().mount("/docs/", docs).start()) {
            Path registry = dir.resolve("registry.yaml");
            Files.writeString(registry, "libraries:\n  - lib_id: /acme/big\n    kind: github-md\n    urls: [\""
                + server.url("/docs/big.md") + "\"]\n");
            Path artifacts = dir.resolve("artifacts");
            Path folder = artifacts.resolve("acme_big");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "ScrapeLib",
                "--config", registry.toString(), "--artifacts", artifacts.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            Path scratch = null;
            while (child.isAlive() && scratch == null) {
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> files = Files.list(folder)) {
                        scratch = files.filter(p -> p.getFileName().toString().startsWith(".artifact.db.")).findFirst().orElse(null);
                    }
                }
                Thread.onSpinWait();
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertTrue(scratch != null, "the child reached the write: " + Files.readString(dir.resolve("child.log")));
            Path artifact = folder.resolve("artifact.db");
            if (Files.exists(artifact)) {
                // the kill came after the rename: then the artifact must be whole (check throws if not)
                ArtifactCheck.check(folder, ModelPin.DEFAULT);
            }
            CliRun again = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString());
            assertEquals(0, again.exitCode(), again.errorLines());
            try (Stream<Path> files = Files.list(folder)) {
                assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "the next run clears what the killed one left");
            }
            assertTrue(ArtifactCheck.check(folder, ModelPin.DEFAULT).chunks() > 0);
        }
    }

    @Test
    void aSecondVersionScrapedOnItsOwnEmbedsOnlyWhatChanged() throws Exception {
        Path docs = dir.resolve("docs");
        for (String ref : List.of("v1", "v2")) {
            Files.createDirectories(docs.resolve(ref));
            for (int i = 0; i < 4; i++) {
                String tail = ref.equals("v2") && i == 3 ? "Changed in v2: call `gadget_new()` instead." : "Stable text.";
                Files.writeString(docs.resolve(ref).resolve("page" + i + ".md"), "# Page " + i + "\n\n"
                    + ("Explanation of page " + i + " and what it does. ").repeat(12) + "\n\n## Notes\n\n" + tail + "\n");
            }
        }
        try (DocServer server = DocServer.builder().mount("/docs/", docs).start()) {
            StringBuilder yaml = new StringBuilder("libraries:\n  - lib_id: /acme/versioned\n    kind: github-md\n"
                + "    versions:\n      \"1\": { ref: v1 }\n      \"2\": { ref: v2 }\n    urls:\n");
            for (int i = 0; i < 4; i++) {
                yaml.append("      - \"").append(server.url("/docs/{ref}/page" + i + ".md")).append("\"\n");
            }
            Path registry = dir.resolve("versioned.yaml");
            Files.writeString(registry, yaml.toString());
            Path artifacts = dir.resolve("artifacts");
            for (String v : List.of("1", "2")) {
                CliRun run = CliRun.run(new ScrapeLib(), "--config", registry.toString(), "--artifacts", artifacts.toString(),
                    "--lib", "/acme/versioned", "--version", v);
                assertEquals(0, run.exitCode(), run.errorLines());
            }
            Map<String, Object> first = StateYaml.read(artifacts, "acme_versioned_1");
            Map<String, Object> second = StateYaml.read(artifacts, "acme_versioned_2");
            assertEquals(first.get("chunk_count"), first.get("chunks_embedded"), "the first version embeds everything");
            int embedded = ((Number) second.get("chunks_embedded")).intValue();
            int reused = ((Number) second.get("chunks_reused")).intValue();
            assertTrue(embedded >= 1 && embedded <= 2, "only page 3's changed chunk is new: embedded " + embedded);
            assertEquals(((Number) second.get("chunk_count")).intValue(), embedded + reused);
        }
    }
}
