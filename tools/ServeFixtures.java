///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/cli/Cli.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Failures.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/RunContext.java
//SOURCES ../shared/deadzone/util/Sleeper.java
//SOURCES fakes/DocServer.java fakes/Fixtures.java fakes/ServedCorpus.java

import deadzone.cli.Cli;
import deadzone.error.UserException;
import deadzone.util.AtomicFiles;
import deadzone.util.RunContext;
import fakes.DocServer;
import fakes.Fixtures;
import fakes.ServedCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Serves a documentation corpus on 127.0.0.1 and writes a registry pointing at it, so the main
 * job can be tried offline: the team's reference fixtures (../shared/fixtures, or
 * DEADZONE_FIXTURES) when they are there, else the project's own small corpus (tests/fixtures),
 * with their Go packages' godoc entries when the corpus has them:
 * <pre>
 *   ./jbang tools/ServeFixtures.java &amp;
 *   ./jbang scripts/ScrapeLib.java --config build/fixtures/libraries_sources.yaml &amp;&amp; ./jbang scripts/Consolidate.java
 * </pre>
 * With the same --port, two builds store the same urls, so their databases compare row for row.
 */
@Command(name = "ServeFixtures", mixinStandardHelpOptions = true, version = "ServeFixtures (deadzone-pack)",
    description = {"Serves a documentation corpus on 127.0.0.1 and writes a registry pointing at it; runs until stopped.",
        "The corpus: --fixtures DIR, else DEADZONE_FIXTURES, else ../shared/fixtures beside the checkout when it exists,",
        "else the project's own corpus (tests/fixtures)."})
public class ServeFixtures implements Callable<Integer> {
    @Option(names = "--fixtures", paramLabel = "DIR",
        description = "The corpus folder: tests/fixtures (the project's own) or the reference fixtures.")
    Path fixtures;

    @Option(names = "--registry-out", defaultValue = "build/fixtures/libraries_sources.yaml", paramLabel = "FILE",
        description = "Where to write the registry (default: ${DEFAULT-VALUE}).")
    Path registryOut;

    @Option(names = "--port", defaultValue = "0", paramLabel = "N",
        description = "The port on 127.0.0.1 (default: any free one).")
    int port;

    private final RunContext context;

    public ServeFixtures() {
        this(RunContext.process());
    }

    public ServeFixtures(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserException("--port must be between 0 and 65535, not " + port);
        }
        Path folder;
        try {
            folder = fixtures != null ? context.workDir().resolve(fixtures) : Fixtures.folderOrOwn(context.env());
        } catch (Fixtures.Missing e) {
            throw new UserException(e.getMessage() + " or pass --fixtures DIR");
        }
        Path registry = Fixtures.registryFile(folder);
        if (!Files.isRegularFile(registry)) {
            throw new UserException(registry + " not found: --fixtures must name a corpus folder (tests/fixtures,"
                + " or the reference fixtures)");
        }
        ServedCorpus corpus;
        try {
            corpus = ServedCorpus.start(folder, DocServer.builder().port(port));
        } catch (UncheckedIOException e) {
            throw new UserException("cannot serve on 127.0.0.1:" + port + " (" + e.getCause().getMessage()
                + "); pick another --port, or 0 for any free one");
        }
        Path out = context.workDir().resolve(registryOut);
        AtomicFiles.writeString(out, corpus.registry());
        System.err.println("serving " + folder + " at " + corpus.docs().baseUrl() + "; registry: " + out);
        System.out.println(out.toAbsolutePath());
        new CountDownLatch(1).await();
        return 0;
    }

    public static void main(String... args) {
        Cli.main(new ServeFixtures(), args);
    }
}
