package rehearsal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A parsed GitHub Actions expression (the part inside {@code ${{ }}}), limited to what
 * scrape-pack.yml uses: literals, contexts with {@code .name} and {@code [index]}, {@code !},
 * comparisons, {@code &&}, {@code ||}, and the functions in {@link #FUNCTIONS}.
 */
public sealed interface Expr {
    /** Functions the rehearsal evaluates; any other name is refused when the workflow is read. */
    Set<String> FUNCTIONS = Set.of("fromjson", "tojson", "hashfiles", "always", "cancelled", "success", "failure");
    /** The status functions: an {@code if:} without one means {@code success() && (...)}. */
    Set<String> STATUS_FUNCTIONS = Set.of("always", "cancelled", "success", "failure");

    /** What an expression can read: the contexts and the status of the job or step being decided. */
    interface Scope {
        /** The context named {@code name} ({@code github}, {@code matrix}...); unknown names throw. */
        Object context(String name);

        /** {@code success}, {@code failure} or {@code cancelled} where the expression is evaluated. */
        boolean status(String function);
    }

    Object eval(Scope scope);

    /** Visits this node and every node below it. */
    void walk(Consumer<Expr> visitor);

    /** Whether a status function is called anywhere in the expression. */
    default boolean callsStatusFunction() {
        boolean[] found = {false};
        walk(e -> found[0] |= e instanceof Call c && STATUS_FUNCTIONS.contains(c.name()));
        return found[0];
    }

    record Literal(Object value) implements Expr {
        public Object eval(Scope scope) {
            return value;
        }

        public void walk(Consumer<Expr> visitor) {
            visitor.accept(this);
        }
    }

    record ContextRef(String name) implements Expr {
        public Object eval(Scope scope) {
            return scope.context(name);
        }

        public void walk(Consumer<Expr> visitor) {
            visitor.accept(this);
        }
    }

    /** {@code target.name} and {@code target[index]}; {@code text} is the source, for messages. */
    record Member(Expr target, Expr key, String text) implements Expr {
        public Object eval(Scope scope) {
            return member(target.eval(scope), key.eval(scope), text);
        }

        public void walk(Consumer<Expr> visitor) {
            visitor.accept(this);
            target.walk(visitor);
            key.walk(visitor);
        }
    }

    record Not(Expr operand) implements Expr {
        public Object eval(Scope scope) {
            return !ExprValues.truthy(operand.eval(scope));
        }

        public void walk(Consumer<Expr> visitor) {
            visitor.accept(this);
            operand.walk(visitor);
        }
    }

    record Binary(String op, Expr left, Expr right) implements Expr {
        public Object eval(Scope scope) {
            Object l = left.eval(scope);
            return switch (op) {
                // Like JavaScript: the deciding operand itself, not a boolean.
                case "&&" -> ExprValues.truthy(l) ? right.eval(scope) : l;
                case "||" -> ExprValues.truthy(l) ? l : right.eval(scope);
                case "==" -> ExprValues.looseEquals(l, right.eval(scope));
                case "!=" -> !ExprValues.looseEquals(l, right.eval(scope));
                default -> ExprValues.compare(op, l, right.eval(scope));
            };
        }

        public void walk(Consumer<Expr> visitor) {
            visitor.accept(this);
            left.walk(visitor);
            right.walk(visitor);
        }
    }

    /** A function call; {@code name} is lower-case (GitHub's function names ignore case). */
    record Call(String name, List<Expr> args) implements Expr {
        public Object eval(Scope scope) {
            return switch (name) {
                case "always" -> true;
                case "success", "failure", "cancelled" -> scope.status(name);
                case "fromjson" -> ExprValues.fromJson(ExprValues.text(args.get(0).eval(scope)));
                case "tojson" -> ExprValues.toJson(args.get(0).eval(scope));
                // No files are hashed: the JBang/Maven cache step that uses it is a no-op here.
                case "hashfiles" -> sha256("hashFiles:" + args.stream().map(a -> ExprValues.text(a.eval(scope))).toList());
                default -> throw new RehearsalException("unknown function " + name + "()");
            };
        }

        public void walk(Consumer<Expr> visitor) {
            visitor.accept(this);
            args.forEach(a -> a.walk(visitor));
        }
    }

    private static Object member(Object target, Object key, String text) {
        if (target instanceof List<?> list) {
            double index = ExprValues.number(key);
            if (Double.isNaN(index) || index != Math.rint(index) || index < 0 || index >= list.size()) {
                return null;
            }
            return list.get((int) index);
        }
        if (target instanceof Map<?, ?> map) {
            String name = ExprValues.text(key);
            if (map.containsKey(name)) {
                return map.get(name);
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (String.valueOf(e.getKey()).equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            if (map instanceof StrictMap strict) {
                throw new RehearsalException("`" + text + "`: " + strict.path() + " has no property '" + name
                    + "' (it has " + strict.keySet() + ")");
            }
            return null;
        }
        return null; // GitHub: a property of null or of a scalar is null
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
