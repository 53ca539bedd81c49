package deadzone.log;

import java.time.Instant;
import java.util.Locale;

/**
 * Logs to stderr: one JSON object a line with an {@code event} name (default), or readable text
 * ({@code --log-format text}). stdout stays free for a script's machine output. Under GitHub
 * Actions, warnings and errors also become annotations and {@link #group} folds a library's log.
 */
public final class Log {
    public enum Format { JSON, TEXT }

    static {
        quietLibraryLogging();
    }

    private static volatile Format format = Format.JSON;
    private static volatile boolean verbose;

    private Log() {
    }

    /**
     * sqlite-jdbc and DJL look for an SLF4J binding and, finding none, print a three-line notice;
     * stderr carries only our log lines. Called when this class loads; callable before a library
     * that logs is touched.
     */
    public static void quietLibraryLogging() {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    public static void configure(Format newFormat, boolean beVerbose) {
        format = newFormat;
        verbose = beVerbose;
    }

    public static boolean verbose() {
        return verbose;
    }

    public static void info(String event, Object... fields) {
        write("info", event, null, fields);
    }

    public static void debug(String event, Object... fields) {
        if (verbose) {
            write("debug", event, null, fields);
        }
    }

    public static void warn(String event, String message, Object... fields) {
        write("warn", event, message, fields);
        annotate("warning", message);
    }

    public static void error(String event, String message, Object... fields) {
        write("error", event, message, fields);
        annotate("error", message);
    }

    /** The last words of a failed run: one plain line, whatever the format. */
    public static void fatal(String line) {
        System.err.println(line);
        annotate("error", line);
    }

    public static void group(String title) {
        if (onGitHubActions()) {
            System.err.println("::group::" + title);
        }
    }

    public static void endGroup() {
        if (onGitHubActions()) {
            System.err.println("::endgroup::");
        }
    }

    private static void annotate(String level, String message) {
        if (onGitHubActions() && message != null) {
            // Annotations are one line; '%', CR and LF must be escaped per the workflow-command rules.
            String escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
            System.err.println("::" + level + "::" + escaped);
        }
    }

    private static boolean onGitHubActions() {
        return "true".equals(System.getenv("GITHUB_ACTIONS"));
    }

    private static void write(String level, String event, String message, Object[] fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("log fields come in name/value pairs: " + event);
        }
        StringBuilder line = new StringBuilder(128);
        if (format == Format.JSON) {
            line.append("{\"ts\":\"").append(Instant.now()).append("\",\"level\":\"").append(level)
                .append("\",\"event\":").append(Json.quote(event));
            if (message != null) {
                line.append(",\"message\":").append(Json.quote(message));
            }
            for (int i = 0; i < fields.length; i += 2) {
                line.append(',').append(Json.quote(String.valueOf(fields[i]))).append(':')
                    .append(Json.value(fields[i + 1]));
            }
            line.append('}');
        } else {
            line.append(level.toUpperCase(Locale.ROOT)).append(' ').append(event);
            if (message != null) {
                line.append(": ").append(message);
            }
            for (int i = 0; i < fields.length; i += 2) {
                line.append(' ').append(fields[i]).append('=').append(fields[i + 1]);
            }
        }
        System.err.println(line);
    }

    /** Just enough JSON for log lines, so logging needs no library. */
    static final class Json {
        static String value(Object v) {
            if (v == null) {
                return "null";
            }
            if (v instanceof Number || v instanceof Boolean) {
                return v.toString();
            }
            return quote(v.toString());
        }

        static String quote(String s) {
            StringBuilder b = new StringBuilder(s.length() + 2).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
    }
}
