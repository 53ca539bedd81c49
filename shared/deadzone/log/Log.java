package deadzone.log;

import java.time.Instant;
import java.util.Locale;

/**
 * Logs to stderr: one JSON object a line with an {@code event} name (default), or readable text
 * ({@code --log-format text}). stdout stays free for a script's machine output. Under GitHub
 * Actions, warnings and errors also become annotations and {@link #group} folds a library's log.
 *
 * <p>Messages carry text from outside (a service's error, a url, a page's problem). The runner
 * reads every line of a step's output for workflow commands ({@code ::warning ...},
 * {@code ##[...]}), so no such text may start a line or hold a line break: every plain line goes
 * through {@link #oneLine}, annotations through the workflow-command escaping.
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
        System.err.println(oneLine(line));
        annotate("error", line);
    }

    /** A stack trace (--verbose): its lines as they are, each made safe like any other line. */
    public static void trace(String trace) {
        trace.lines().forEach(line -> System.err.println(oneLine(line)));
    }

    public static void group(String title) {
        if (onGitHubActions()) {
            System.err.println("::group::" + oneLine(title));
        }
    }

    /**
     * {@code text} as one inert line: line breaks and other control characters written as
     * backslash escapes (n, r, or u and four hex digits), and the workflow-command markers
     * {@code ::} and {@code ##[} broken by a backslash, so that no text from outside can start a
     * line the runner would take for a command.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c != '\t' && (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029)) {
                out.append(String.format("\\u%04X", (int) c));
            } else if (c == ':' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                out.append(":\\");
            } else if (c == '#' && text.startsWith("##[", i)) {
                out.append("##\\");
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The workflow command of an annotation: one line whatever the message holds (the runner's own escaping). */
    public static String annotation(String level, String message) {
        String escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
        return "::" + level + "::" + escaped;
    }

    public static void endGroup() {
        if (onGitHubActions()) {
            System.err.println("::endgroup::");
        }
    }

    private static void annotate(String level, String message) {
        if (onGitHubActions() && message != null) {
            System.err.println(annotation(level, message));
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
                line.append(": ").append(oneLine(message));
            }
            for (int i = 0; i < fields.length; i += 2) {
                line.append(' ').append(fields[i]).append('=').append(oneLine(String.valueOf(fields[i + 1])));
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
