package rehearsal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one step's process (bash or node) in the job's workspace with exactly the given environment. */
public final class StepProcess {
    /** A watchdog against a hung step, not a timing check: GitHub's own default job limit is 6 hours. */
    private static final long WATCHDOG_MINUTES = 60;

    private StepProcess() {
    }

    /** Runs {@code command} with {@code env} (and nothing else) in {@code workDir}; stdout and stderr go to {@code log}. */
    public static int run(List<String> command, Path workDir, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(env);
            Process process = pb.start();
            if (!process.waitFor(WATCHDOG_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                Files.writeString(log, "\n[rehearsal] the step did not finish within " + WATCHDOG_MINUTES
                    + " minutes and was killed\n", java.nio.file.StandardOpenOption.APPEND);
                return 124;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new RehearsalException("could not start " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalException("interrupted while running " + command, e);
        }
    }
}
