package support;

import deadzone.cli.Cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A script run in-process: its exit code and everything it printed. */
public record CliRun(int exitCode, String stdout, String stderr) {

    /**
     * Runs {@code command} (a fresh script instance) with {@code args}, capturing stdout and stderr.
     * Every run of the suite is also a check of its messages: a user-facing line showing a Java
     * exception or package name ({@link UserFacingLines}) fails the calling test.
     */
    public static CliRun run(Object command, String... args) {
        CliRun run = capture(command, args);
        List<String> javaNames = List.of(args).contains("--verbose") ? List.of() : UserFacingLines.showingJavaNames(run.stderr);
        if (!javaNames.isEmpty()) {
            throw new AssertionError("a user-facing line shows a Java exception or package name " + javaNames
                + " (say what went wrong in words)\n" + run);
        }
        return run;
    }

    private static synchronized CliRun capture(Object command, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = Cli.execute(command, args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** stderr without log lines (JSON objects): what a person reads as the error. */
    public String errorLines() {
        return stderr.lines().filter(l -> !l.startsWith("{")).reduce("", (a, b) -> a.isEmpty() ? b : a + "\n" + b);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
