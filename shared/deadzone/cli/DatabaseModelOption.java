//DEPS info.picocli:picocli:4.7.7
package deadzone.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --model-dir} for the commands that read a database: the model it was built with, when not the pinned one. */
public final class DatabaseModelOption {
    @Option(names = "--model-dir", paramLabel = "DIR", description = "The model folder the database was built with, if not the default.")
    Path dir;

    /** The folder, or null for the pinned model (then DEADZONE_MODEL_DIR, if set, decides). */
    public Path dir() {
        return dir;
    }
}
