package rehearsal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fresh, empty files the runner gives each step for its file commands and its summary. */
record StepFiles(Path output, Path env, Path path, Path summary, Path state) {
    static StepFiles create(Path folder, int step) {
        String p = String.format("%02d-", step);
        StepFiles f = new StepFiles(folder.resolve(p + "output"), folder.resolve(p + "env"), folder.resolve(p + "path"),
            folder.resolve(p + "summary.md"), folder.resolve(p + "state"));
        try {
            for (Path file : new Path[] {f.output, f.env, f.path, f.summary, f.state}) {
                Files.deleteIfExists(file);
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }
}
