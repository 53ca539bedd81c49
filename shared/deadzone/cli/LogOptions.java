//DEPS info.picocli:picocli:4.7.7
package deadzone.cli;

import deadzone.log.Log;
import picocli.CommandLine.Option;

/** The logging options every script shares ({@code @Mixin LogOptions logOptions}). */
public final class LogOptions {
    private Log.Format format = Log.Format.JSON;
    private boolean verbose;

    @Option(names = "--log-format", paramLabel = "json|text",
            description = "Log lines on stderr as json (default) or text.")
    void setFormat(Log.Format value) {
        format = value;
        Log.configure(format, verbose);
    }

    @Option(names = "--verbose", description = "More detail in the logs, and stack traces for unexpected errors.")
    void setVerbose(boolean value) {
        verbose = value;
        Log.configure(format, verbose);
    }
}
