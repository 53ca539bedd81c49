package deadzone.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Appends markdown to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY) when there is one. */
public final class StepSummary {
    private StepSummary() {
    }

    /** Appends to the file GITHUB_STEP_SUMMARY names in {@code env}; returns false, doing nothing, outside GitHub Actions. */
    public static boolean append(Map<String, String> env, String markdown) throws IOException {
        String file = env.get("GITHUB_STEP_SUMMARY");
        if (file == null || file.isBlank()) {
            return false;
        }
        Files.writeString(Path.of(file), markdown.endsWith("\n") ? markdown : markdown + "\n",
            StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return true;
    }
}
