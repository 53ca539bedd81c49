//DEPS info.picocli:picocli:4.7.7
package deadzone.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} alone, for the scripts whose {@code --version} selects a library version
 * (so picocli's standard {@code -V/--version} cannot be mixed in).
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
