//DEPS info.picocli:picocli:4.7.7
package deadzone.cli;

import deadzone.error.ExitCode;
import deadzone.error.RunFailure;
import deadzone.error.UserException;
import deadzone.log.Log;
import deadzone.util.Failures;
import picocli.CommandLine;
import picocli.CommandLine.IExitCodeExceptionMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Runs a picocli command with the suite's error conventions: usage and configuration errors
 * exit 2, runtime failures 1, each reported as one plain line on stderr (the same line in the
 * JSON and text log formats, so a person can read the reason either way).
 */
public final class Cli {
    private Cli() {
    }

    /** The script's main: runs and exits the JVM with the command's exit code. */
    public static void main(Object command, String[] args) {
        System.exit(execute(command, args));
    }


    /** Runs without exiting, so tests can call scripts in-process. */
    public static int execute(Object command, String... args) {
        Log.configure(Log.Format.JSON, false); // each run starts from the defaults, also in-process
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(EXIT_CODES);
        cl.setParameterExceptionHandler((ex, ignored) -> {
            String name = ex.getCommandLine().getCommandName();
            Log.fatal(name + ": " + ex.getMessage() + " (see --help)");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            int code = EXIT_CODES.getExitCode(ex);
            String name = cmd.getCommandName();
            if (code == ExitCode.USAGE || ex instanceof RunFailure) {
                Log.fatal(name + ": " + ex.getMessage());
            } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
                Log.fatal(name + ": " + Failures.describe(ex));
            } else {
                Log.fatal(name + ": unexpected error: " + Failures.describe(ex) + " (run with --verbose for details)");
            }
            if (Log.verbose()) {
                StringWriter trace = new StringWriter();
                ex.printStackTrace(new PrintWriter(trace));
                Log.trace(trace.toString().stripTrailing());
            }
            return code;
        });
        return cl.execute(args);
    }

    private static final IExitCodeExceptionMapper EXIT_CODES = ex -> {
        if (ex instanceof UserException || ex instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILED;
    };
}
