package support;

import deadzone.util.AtomicFiles;
import deadzone.util.Trees;
import fakes.DocServer;
import fakes.ServedCorpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The README's main job run once per test JVM on the project's own corpus (tests/fixtures,
 * served on 127.0.0.1): ScrapeLib over every entry of its registry, then Consolidate. The
 * corpus is small (about 185 chunks, a few seconds of embedding), so every first-tier test that
 * needs real artifacts or a real deadzone.db shares this build, in every checkout; the servers
 * stay up for tests that scrape again. The corpus's Go package is part of the build.
 */
public final class OwnCorpusBuild {
    public final ServedCorpus corpus;
    /** The document server (documents and the Go package). */
    public final DocServer server;
    public final Path dir;
    public final Path registry;
    public final Path artifacts;
    public final Path db;
    public final CliRun scrape;
    public final CliRun consolidate;

    private static OwnCorpusBuild instance;

    private OwnCorpusBuild(Object scrapeLib, Object consolidateCmd) throws IOException {
        corpus = ServedCorpus.start(Project.ownCorpus(), DocServer.builder());
        server = corpus.docs();
        dir = Files.createTempDirectory("deadzone-own-corpus-build");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            corpus.close();
            try {
                Trees.delete(dir);
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }));
        registry = dir.resolve("libraries_sources.yaml");
        AtomicFiles.writeString(registry, corpus.registry());
        artifacts = dir.resolve("artifacts");
        db = dir.resolve("deadzone.db");
        scrape = CliRun.run(scrapeLib, "--config", registry.toString(), "--artifacts", artifacts.toString());
        consolidate = CliRun.run(consolidateCmd, "--artifacts", artifacts.toString(), "--db", db.toString());
    }

    /**
     * The shared build. The callers pass fresh ScrapeLib and Consolidate commands, so this
     * support class needs no script sources.
     */
    public static synchronized OwnCorpusBuild get(Supplier<Object> scrapeLib, Supplier<Object> consolidate) throws IOException {
        if (instance == null) {
            instance = new OwnCorpusBuild(scrapeLib.get(), consolidate.get());
        }
        return instance;
    }
}
