package deadzone.serve;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of one tool call, read with messages a model can act on: which argument, what
 * was wrong, what to send instead. A bad argument ends the call as a tool error, never the server.
 */
final class ToolArguments {
    private final String tool;
    private final Map<String, Object> values;

    ToolArguments(String tool, Map<String, Object> values, List<String> accepted) {
        this.tool = tool;
        this.values = values == null ? Map.of() : values;
        Set<String> unknown = new TreeSet<>(this.values.keySet());
        unknown.removeAll(accepted);
        if (!unknown.isEmpty()) {
            throw new ToolInputError(tool + " does not take " + String.join(", ", unknown) + "; its arguments are "
                + String.join(", ", accepted));
        }
    }

    /** A string, or null when absent, null or blank. */
    String optionalString(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new ToolInputError(name + " must be a string, not " + describe(value));
        }
        return text.isBlank() ? null : text.strip();
    }

    String requiredString(String name, String whatItIs) {
        String value = optionalString(name);
        if (value == null) {
            throw new ToolInputError(name + " is " + (values.containsKey(name) ? "empty" : "missing") + ": " + tool
                + " needs " + whatItIs);
        }
        return value;
    }

    /** A whole number (JSON numbers like 5000.0 count), or {@code absent} when not given. */
    int optionalInt(String name, int absent) {
        Object value = values.get(name);
        if (value == null) {
            return absent;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
            && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new ToolInputError(name + " must be a whole number (for example " + absent + "), not " + describe(value));
    }

    private static String describe(Object value) {
        String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        String kind = value instanceof String ? "a string" : value instanceof Number ? "a number"
            : value instanceof Boolean ? "a boolean" : value instanceof Map ? "an object" : value instanceof List ? "an array"
            : "a value";
        return kind + " (" + shown + ")";
    }
}
