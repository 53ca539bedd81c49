package support;

import deadzone.util.Trees;
import fakes.DocServer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's main job run once per test JVM against the fixture registry served on
 * 127.0.0.1, with the fixtures' Go packages (kind: godoc) after its entries: ScrapeLib over every
 * entry, then Consolidate. Embedding the whole corpus takes
 * minutes on two cores, so every test that needs real artifacts or a real deadzone.db shares
 * this one build (and the server stays up for tests that scrape again).
 */
public final class FixtureBuild {
    public final DocServer server;
    public final Path dir;
    public final Path registry;
    public final Path artifacts;
    public final Path db;
    public final CliRun scrape;
    public final CliRun consolidate;

    private static FixtureBuild instance;

    private FixtureBuild(Object scrapeLib, Object consolidateCmd) throws Exception {
        server = FixtureRegistry.server();
        dir = Files.createTempDirectory("deadzone-fixture-build");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        registry = FixtureRegistry.writeWithGo(dir, server);
        artifacts = dir.resolve("artifacts");
        db = dir.resolve("deadzone.db");
        scrape = CliRun.run(scrapeLib, "--config", registry.toString(), "--artifacts", artifacts.toString());
        consolidate = CliRun.run(consolidateCmd, "--artifacts", artifacts.toString(), "--db", db.toString());
    }

    private static void deleteTree(Path root) {
        try {
            Trees.delete(root);
        } catch (java.io.IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    /**
     * The shared build (skipped with the reason when the fixtures are absent). The callers pass
     * fresh ScrapeLib and Consolidate commands, so this support class needs no script sources.
     */
    public static synchronized FixtureBuild get(java.util.function.Supplier<Object> scrapeLib,
                                                java.util.function.Supplier<Object> consolidate) throws Exception {
        Project.fixtures();
        if (instance == null) {
            instance = new FixtureBuild(scrapeLib.get(), consolidate.get());
        }
        return instance;
    }
}
