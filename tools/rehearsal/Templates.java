package rehearsal;

import java.util.ArrayList;
import java.util.List;

/** The {@code ${{ }}} parts of workflow text: finding, interpolating, and {@code if:} conditions. */
public final class Templates {
    private static final String OPEN = "${{";
    private static final String CLOSE = "}}";

    private Templates() {
    }

    /** Every expression in {@code text}, parsed (so an unsupported one fails when the workflow is read). */
    public static List<Expr> expressions(String text) {
        List<Expr> out = new ArrayList<>();
        for (Part p : parts(text)) {
            if (p.expression() != null) {
                out.add(p.expression());
            }
        }
        return out;
    }

    /** {@code text} with each expression replaced by its value as text. */
    public static String interpolate(String text, Expr.Scope scope) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts(text)) {
            out.append(p.expression() == null ? p.literal() : ExprValues.text(p.expression().eval(scope)));
        }
        return out.toString();
    }

    /** A value that is one whole expression keeps its type (a matrix list); anything else is interpolated text. */
    public static Object value(String text, Expr.Scope scope) {
        List<Part> parts = parts(text.strip());
        if (parts.size() == 1 && parts.get(0).expression() != null) {
            return parts.get(0).expression().eval(scope);
        }
        return interpolate(text, scope);
    }

    /**
     * An {@code if:}: with or without {@code ${{ }}}; without a status function it means
     * {@code success() && (...)}, as on GitHub.
     */
    public static Expr condition(String text) {
        String t = text.strip();
        Expr e;
        if (t.contains(OPEN)) {
            List<Part> parts = parts(t);
            if (parts.size() != 1 || parts.get(0).expression() == null) {
                throw new RehearsalException("if: `" + t + "` mixes text and ${{ }}: the rehearsal only plays one expression");
            }
            e = parts.get(0).expression();
        } else {
            e = ExprParser.parse(t);
        }
        if (!e.callsStatusFunction()) {
            e = new Expr.Binary("&&", new Expr.Call("success", List.of()), e);
        }
        return e;
    }

    private record Part(String literal, Expr expression) {
    }

    private static List<Part> parts(String text) {
        List<Part> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf(OPEN, i);
            if (open < 0) {
                out.add(new Part(text.substring(i), null));
                break;
            }
            if (open > i) {
                out.add(new Part(text.substring(i, open), null));
            }
            int close = closing(text, open + OPEN.length());
            out.add(new Part(null, ExprParser.parse(text.substring(open + OPEN.length(), close))));
            i = close + CLOSE.length();
        }
        return out;
    }

    /** The {@code }}} closing an expression, skipping quoted strings (which may contain braces). */
    private static int closing(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // '' inside a string toggles twice: still quoted
            } else if (!quoted && text.startsWith(CLOSE, i)) {
                return i;
            }
        }
        throw new RehearsalException("unclosed ${{ in `" + ExprValues.abbreviate(text.strip()) + "`");
    }
}
