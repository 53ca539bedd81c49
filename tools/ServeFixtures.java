///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/util/Hashes.java
//SOURCES ../tests/support/DocServer.java

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import support.DocServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the team's reference fixtures (../shared/fixtures) on 127.0.0.1 and writes a registry
 * pointing at them, so the main job can be tried offline:
 * <pre>
 *   ./jbang tools/ServeFixtures.java &amp;
 *   ./jbang scripts/ScrapeLib.java --config build/fixtures/libraries_sources.yaml &amp;&amp; ./jbang scripts/Consolidate.java
 * </pre>
 */
@Command(name = "ServeFixtures", mixinStandardHelpOptions = true,
    description = "Serves ../shared/fixtures on 127.0.0.1 and writes a registry pointing at it; runs until stopped.")
public class ServeFixtures implements Callable<Integer> {
    @Option(names = "--fixtures", defaultValue = "../shared/fixtures", description = "The fixtures folder (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(names = "--registry-out", defaultValue = "build/fixtures/libraries_sources.yaml",
        description = "Where to write the registry (default: ${DEFAULT-VALUE}).")
    Path registryOut;

    @Override
    public Integer call() throws Exception {
        Path source = fixtures.resolve("libraries_sources.fixture.yaml");
        if (!Files.isRegularFile(source)) {
            System.err.println("ServeFixtures: " + source + " not found (pass --fixtures DIR)");
            return 2;
        }
        DocServer server = DocServer.builder()
            .mount("/raw/", fixtures.resolve("raw")).mount("/site/", fixtures.resolve("site")).start();
        Files.createDirectories(registryOut.toAbsolutePath().getParent());
        Files.writeString(registryOut, Files.readString(source, StandardCharsets.UTF_8)
            .replace("http://docs.fixtures.test", server.baseUrl().replaceAll("/$", "")), StandardCharsets.UTF_8);
        System.err.println("serving " + fixtures + " at " + server.baseUrl() + "; registry: " + registryOut);
        System.out.println(registryOut.toAbsolutePath());
        new CountDownLatch(1).await();
        return 0;
    }

    public static void main(String... args) {
        System.exit(new CommandLine(new ServeFixtures()).execute(args));
    }
}
