//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Json.java
//SOURCES support/CliRun.java support/UserFacingLines.java

import deadzone.cli.LogOptions;
import deadzone.util.Failures;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import support.CliRun;
import support.UserFacingLines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No message a person reads shows a Java exception class or package name. Every CLI run of the
 * suite is checked ({@link CliRun} fails a test whose run prints one); this class checks that
 * check, and the words the scripts use instead ({@link Failures}).
 */
class UserFacingMessagesTest {
    @Test
    void theCheckSeesJavaNamesInErrorLinesAndWarningsOnly() {
        String stderr = String.join("\n",
            "{\"ts\":\"t\",\"level\":\"info\",\"event\":\"fetch\",\"url\":\"http://h/org.x/java.lang.Y\"}",
            "{\"ts\":\"t\",\"level\":\"warn\",\"event\":\"url_skipped\",\"message\":\"skipped x: java.net.ConnectException\"}",
            "{\"ts\":\"t\",\"level\":\"warn\",\"event\":\"url_skipped\",\"message\":\"wrote deadzone.db.sha256 beside deadzone.db.\"}",
            "ListLibs: registry.yaml: invalid YAML: java.nio.charset.MalformedInputException: Input length = 1",
            "Search: unexpected error: NullPointerException",
            "Consolidate: cannot read /tmp/x/Foo.java. Fix it.",
            "INFO asset_uploaded name=deadzone.manifest.json.new-8566cd467056 bytes=1639",
            "X: org.snakeyaml.engine.v2.exceptions.ParserException at line 1",
            "Y: deadzone.registry.RegistryLoader failed");
        assertEquals(List.of("skipped x: java.net.ConnectException",
            "ListLibs: registry.yaml: invalid YAML: java.nio.charset.MalformedInputException: Input length = 1",
            "Search: unexpected error: NullPointerException",
            "X: org.snakeyaml.engine.v2.exceptions.ParserException at line 1",
            "Y: deadzone.registry.RegistryLoader failed"), UserFacingLines.showingJavaNames(stderr));
    }

    @Command(name = "Boom")
    static final class Boom implements Callable<Integer> {
        private final Exception failure;

        @Mixin
        LogOptions logOptions;

        Boom(Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    @Test
    void anUnexpectedFailureIsReportedInWordsWithExitOne() {
        CliRun bug = CliRun.run(new Boom(new IllegalStateException("the index is missing",
            new IOException("java.io.IOException: disk gone"))));
        assertEquals(1, bug.exitCode(), bug.toString());
        assertEquals("Boom: unexpected error: the index is missing (run with --verbose for details)", bug.errorLines());

        CliRun io = CliRun.run(new Boom(new UncheckedIOException(new AccessDeniedException("/data/deadzone.db"))));
        assertEquals(1, io.exitCode(), io.toString());
        assertEquals("Boom: permission denied: /data/deadzone.db", io.errorLines());

        CliRun bare = CliRun.run(new Boom(new NullPointerException()));
        assertEquals("Boom: unexpected error: an internal error (run with --verbose for details)", bare.errorLines());

        CliRun verbose = CliRun.run(new Boom(new IllegalStateException("x")), "--verbose");
        assertTrue(verbose.stderr().contains("\tat "), "--verbose asks for the stack trace: " + verbose);
    }

    @Test
    void theHookFailsARunThatShowsAJavaName() {
        AssertionError e = assertThrows(AssertionError.class,
            () -> CliRun.run(new Boom(new IllegalStateException("wrapped: java.lang.IllegalArgumentException at x"))));
        assertTrue(e.getMessage().contains("shows a Java exception or package name"), e.getMessage());
    }

    @Test
    void failuresAreDescribedWithoutClassNames() {
        assertEquals("no such file: /a/b.yaml", Failures.describe(new NoSuchFileException("/a/b.yaml")));
        assertEquals("not valid UTF-8 text", Failures.describe(new UncheckedIOException(new MalformedInputException(1))));
        assertEquals("unknown host docs.example", Failures.describe(new ExecutionException(new UnknownHostException("docs.example"))));
        assertEquals("connection refused or unreachable", Failures.describe(new IOException(new ConnectException())));
        assertEquals("disk gone", Failures.describe(new IOException("java.io.IOException: disk gone")));
        assertEquals("an input/output error", Failures.describe(new IOException()));
        assertEquals("Unexpected character ('x' (code 120))", Failures.describe(
            new IOException("Unexpected character ('x' (code 120))\n at [Source: REDACTED; line: 1, column: 2]")), "one line");
        for (Exception x : List.of(new IOException(new RuntimeException()), new IllegalStateException())) {
            assertFalse(UserFacingLines.showingJavaNames("X: " + Failures.describe(x)).size() > 0, Failures.describe(x));
        }
    }
}
