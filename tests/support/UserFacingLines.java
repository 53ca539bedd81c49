package support;

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.util.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a person reads of a script's stderr: its plain lines (the one-line error of a failed run)
 * and the message of every warning and error log line. None may show a Java exception class or
 * package name (README, "One-line errors"); {@link CliRun} checks every run of the suite with
 * this, except under --verbose, whose stack traces are asked for.
 */
public final class UserFacingLines {
    /**
     * An exception class name, or a package-qualified name (java.nio.x, org.snakeyaml.x,
     * deadzone.registry.x): never the files deadzone.db and deadzone.manifest.json, a url's host, or
     * Foo.java.
     */
    static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z]*Exception\\b"
        + "|(?<![\\w./-])(java|javax|jdk|sun|org|com)\\.[a-z]\\w*\\."
        + "|(?<![\\w./-])deadzone\\.(?!db\\b|manifest\\.json\\b)[a-z]+\\.");

    private UserFacingLines() {
    }

    /** The plain lines and the warning and error messages of {@code stderr}. */
    public static List<String> of(String stderr) {
        List<String> out = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith("{")) {
                out.add(line);
                continue;
            }
            try {
                JsonNode log = Json.MAPPER.readTree(line);
                String level = log.path("level").asText();
                if ((level.equals("warn") || level.equals("error")) && log.hasNonNull("message")) {
                    out.add(log.get("message").asText());
                }
            } catch (IOException e) {
                out.add(line); // not a log line after all: a person reads it as it is
            }
        }
        return out;
    }

    /** The user-facing lines of {@code stderr} that show a Java name. */
    public static List<String> showingJavaNames(String stderr) {
        return of(stderr).stream().filter(l -> JAVA_NAME.matcher(l).find()).toList();
    }
}
