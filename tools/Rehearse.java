///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/cli/Cli.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/Trees.java
//SOURCES fakes/DocServer.java fakes/FakeCacheService.java fakes/FakeGitHubApi.java fakes/Fixtures.java
//SOURCES fakes/ServedCorpus.java
//SOURCES rehearsal/Action.java rehearsal/Checkout.java rehearsal/Expr.java rehearsal/ExprParser.java
//SOURCES rehearsal/ExprValues.java rehearsal/FileCommands.java rehearsal/JobRun.java rehearsal/NodeToolkit.java
//SOURCES rehearsal/RegistryEdits.java rehearsal/Rehearsal.java rehearsal/RehearsalException.java
//SOURCES rehearsal/RunRecord.java rehearsal/Scenarios.java rehearsal/StepFiles.java rehearsal/StepProcess.java
//SOURCES rehearsal/StrictMap.java rehearsal/Templates.java rehearsal/WorkflowFile.java rehearsal/WorkflowRun.java

import deadzone.cli.Cli;
import deadzone.error.RunFailure;
import deadzone.error.UserException;
import deadzone.util.RunContext;
import deadzone.util.Trees;
import fakes.DocServer;
import fakes.Fixtures;
import fakes.ServedCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rehearsal.NodeToolkit;
import rehearsal.Rehearsal;
import rehearsal.RehearsalException;
import rehearsal.Scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "Rehearse", mixinStandardHelpOptions = true, version = "Rehearse (deadzone-pack)",
    description = {"Rehearses the scrape-pack workflow on this machine: the run: steps of",
        ".github/workflows/scrape-pack.yml in job order with the matrix expanded, actions/cache",
        "played by the real @actions/cache toolkit against a local fake cache service, the",
        "documents served on 127.0.0.1 and the Releases API played by a local fake.",
        "Scenarios: cold (all scraped), warm (all cached, no ScrapeLib run), edit (one library's",
        "entry edited: it alone scraped), failing (its docs server answering 500: its slot fails,",
        "it is restored stale, deadzone.db keeps its older docs), keepalive (cache-keepalive.yml:",
        "every cached entry looked up and reported a hit, nothing downloaded). Each scrape-pack run",
        "publishes to the fake GitHub (unless --tag is empty) and its summary shows the diff with the",
        "previous release. Each run prints its summary.",
        "Exit 0 when every scenario went as expected, 1 when one did not (or the workflow uses",
        "something the rehearsal does not play), 2 on bad input."})
public class Rehearse implements Callable<Integer> {
    @Option(names = "--registry", paramLabel = "FILE",
        description = "A registry whose urls are on " + Fixtures.ORIGIN + " (served from the corpus). Default: the"
            + " reference fixtures' registry when they are there (DEADZONE_FIXTURES, ../shared/fixtures), else the"
            + " project's own corpus (tests/fixtures).")
    Path registry;

    @Option(names = "--scenario", defaultValue = "all", paramLabel = "NAME",
        description = "cold, warm, edit, failing, keepalive or all (default: ${DEFAULT-VALUE}); each starts with a cold run.")
    String scenario;

    @Option(names = "--tag", defaultValue = "rehearsal", paramLabel = "T",
        description = "Dispatch every scrape-pack run with this tag: the publish job releases deadzone.db to the fake"
            + " GitHub (default: ${DEFAULT-VALUE}; an empty tag builds only).")
    String tag;

    @Option(names = "--edit", paramLabel = "LIB_ID",
        description = "The library the edit and failing scenarios change (default: the first without versions).")
    String editLib;

    @Option(names = "--keep", paramLabel = "DIR",
        description = "Keep every run's workspaces, logs and registries in DIR (new or empty). Default: a temporary folder, removed.")
    Path keep;

    private final RunContext context;

    public Rehearse() {
        this(RunContext.process());
    }

    /** Tests pass their own environment (DEADZONE_FIXTURES). */
    public Rehearse(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        List<Scenarios.Scenario> sequence;
        try {
            sequence = Scenarios.Scenario.sequence(scenario);
        } catch (IllegalArgumentException e) {
            throw new UserException("--scenario: " + e.getMessage());
        }
        Path root = projectRoot();
        NodeToolkit.missing(root).ifPresent(reason -> {
            throw new UserException(reason);
        });
        Path fixtures = fixtures();
        Path home = home();
        try (ServedCorpus corpus = ServedCorpus.start(fixtures, DocServer.builder());
             Rehearsal rehearsal = Rehearsal.start(root, home, System.out)) {
            Scenarios scenarios = new Scenarios(rehearsal, corpus.docs(), registryText(corpus), editLib, tag, System.out);
            List<Scenarios.Outcome> outcomes = scenarios.run(sequence);
            long failed = outcomes.stream().filter(o -> !o.passed()).count();
            System.out.println(outcomes.size() - failed + " of " + outcomes.size() + " scenario runs as expected"
                + (keep != null ? "; everything is kept in " + home : ""));
            if (failed > 0) {
                throw new RunFailure(failed + " scenario run(s) not as expected (see above)");
            }
            return 0;
        } catch (RehearsalException e) {
            throw new RunFailure("the rehearsal stopped: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        } finally {
            if (keep == null) {
                Trees.delete(home);
            }
        }
    }

    private static Path projectRoot() {
        try {
            return Fixtures.checkout();
        } catch (IllegalStateException e) {
            throw new UserException("run Rehearse from inside the deadzone-pack checkout (" + e.getMessage() + ")");
        }
    }

    private Path fixtures() {
        try {
            return Fixtures.folderOrOwn(context.env());
        } catch (Fixtures.Missing e) {
            throw new UserException(e.getMessage());
        }
    }

    private String registryText(ServedCorpus corpus) throws IOException {
        if (registry == null) {
            return corpus.registry();
        }
        Path file = registry;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserException("--registry " + file + ": no such file");
        }
        if (!text.contains(Fixtures.ORIGIN)) {
            throw new UserException("--registry " + file + ": its urls must be on " + Fixtures.ORIGIN
                + " (the rehearsal serves them from the fixtures and never uses the internet)");
        }
        return text.replace(Fixtures.ORIGIN, corpus.docs().baseUrl());
    }

    private Path home() throws IOException {
        if (keep == null) {
            return Files.createTempDirectory("rehearsal-");
        }
        if (Files.isDirectory(keep)) {
            try (Stream<Path> entries = Files.list(keep)) {
                if (entries.findAny().isPresent()) {
                    throw new UserException("--keep " + keep + " is not empty; give a new or empty folder");
                }
            }
        } else if (Files.exists(keep)) {
            throw new UserException("--keep " + keep + " is a file; give a new or empty folder");
        }
        return Files.createDirectories(keep).toAbsolutePath();
    }

    public static void main(String... args) {
        Cli.main(new Rehearse(), args);
    }
}
