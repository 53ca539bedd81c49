//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package rehearsal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub expression values (null, Boolean, Double, String, List, Map) and the coercions the
 * Actions expression language defines: loose equality through numbers, case-insensitive strings,
 * JavaScript-like truthiness, and how a value reads once interpolated into text.
 */
public final class ExprValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExprValues() {
    }

    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Double d) {
            return d != 0 && !d.isNaN();
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        return true; // arrays and objects
    }

    public static double number(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s) {
            String t = s.strip();
            if (t.isEmpty()) {
                return 0;
            }
            try {
                if (t.startsWith("0x") || t.startsWith("0X")) {
                    return Long.parseLong(t.substring(2), 16);
                }
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** {@code ==}: same kinds compare directly (strings ignoring case); different kinds compare as numbers. */
    public static boolean looseEquals(Object a, Object b) {
        if (a == null && b == null) {
            return true;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.equalsIgnoreCase(y);
        }
        if (a instanceof Boolean && b instanceof Boolean) {
            return a.equals(b);
        }
        if ((a instanceof List || a instanceof Map) && (b instanceof List || b instanceof Map)) {
            return a == b;
        }
        double x = number(a);
        double y = number(b);
        return !Double.isNaN(x) && !Double.isNaN(y) && x == y;
    }

    /** {@code <}, {@code <=}, {@code >}, {@code >=}: strings ignoring case, anything else as numbers (NaN is never ordered). */
    public static boolean compare(String op, Object a, Object b) {
        int order;
        if (a instanceof String x && b instanceof String y) {
            order = x.toLowerCase(Locale.ROOT).compareTo(y.toLowerCase(Locale.ROOT));
        } else {
            double x = number(a);
            double y = number(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return false;
            }
            order = Double.compare(x, y);
        }
        return switch (op) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** The text a value becomes inside {@code ${{ }}} in a string (GitHub prints Array and Object for those). */
    public static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (!d.isNaN() && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return d.toString();
        }
        if (v instanceof List) {
            return "Array";
        }
        if (v instanceof Map) {
            return "Object";
        }
        return v.toString();
    }

    /** fromJSON: numbers become Double, objects keep their key order. */
    public static Object fromJson(String text) {
        try {
            return normalise(JSON.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new RehearsalException("fromJSON: not JSON: " + abbreviate(text) + " (" + e.getOriginalMessage() + ")");
        }
    }

    public static String toJson(Object v) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(integral(v));
        } catch (JsonProcessingException e) {
            throw new RehearsalException("toJSON: " + e.getOriginalMessage());
        }
    }

    /** Whole numbers back to integers for printing: 2, not 2.0, as GitHub prints them. */
    private static Object integral(Object v) {
        if (v instanceof Double d && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(ExprValues::integral).collect(java.util.stream.Collectors.toList());
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, val) -> out.put(k, integral(val)));
            return out;
        }
        return v;
    }

    /** YAML or JSON scalars as expression values: every number a Double. */
    @SuppressWarnings("unchecked")
    public static Object normalise(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(ExprValues::normalise).collect(java.util.stream.Collectors.toList());
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            ((Map<Object, Object>) map).forEach((k, val) -> out.put(String.valueOf(k), normalise(val)));
            return out;
        }
        return v;
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
