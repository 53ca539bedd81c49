package rehearsal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the text inside {@code ${{ }}} into an {@link Expr}, with GitHub's precedence
 * ({@code ! } over comparisons over {@code ==}/{@code !=} over {@code &&} over {@code ||}).
 * Anything outside the subset (object filters, unknown functions, other operators) is refused
 * with the offending text.
 */
public final class ExprParser {
    private final String source;
    private final List<String> tokens;
    private int pos;

    private ExprParser(String source) {
        this.source = source;
        this.tokens = tokenize(source);
    }

    public static Expr parse(String source) {
        ExprParser p = new ExprParser(source);
        if (p.tokens.isEmpty()) {
            throw p.error("empty expression");
        }
        Expr e = p.or();
        if (p.pos < p.tokens.size()) {
            throw p.error("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return e;
    }

    private Expr or() {
        Expr e = and();
        while (accept("||")) {
            e = new Expr.Binary("||", e, and());
        }
        return e;
    }

    private Expr and() {
        Expr e = equality();
        while (accept("&&")) {
            e = new Expr.Binary("&&", e, equality());
        }
        return e;
    }

    private Expr equality() {
        Expr e = comparison();
        while (peekIs("==") || peekIs("!=")) {
            String op = next();
            e = new Expr.Binary(op, e, comparison());
        }
        return e;
    }

    private Expr comparison() {
        Expr e = unary();
        while (peekIs("<") || peekIs("<=") || peekIs(">") || peekIs(">=")) {
            String op = next();
            e = new Expr.Binary(op, e, unary());
        }
        return e;
    }

    private Expr unary() {
        if (accept("!")) {
            return new Expr.Not(unary());
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            if (accept(".")) {
                String name = next();
                if (!isIdentifier(name)) {
                    throw error("a property name must follow '.', not '" + name + "'");
                }
                e = new Expr.Member(e, new Expr.Literal(name), memberText(e, "." + name));
            } else if (accept("[")) {
                if (peekIs("*")) {
                    throw error("object filters ([*]) are not supported by the rehearsal");
                }
                Expr index = or();
                expect("]");
                e = new Expr.Member(e, index, memberText(e, "[...]"));
            } else {
                return e;
            }
        }
    }

    private Expr primary() {
        String t = next();
        if (t.equals("(")) {
            Expr e = or();
            expect(")");
            return e;
        }
        if (t.startsWith("'")) {
            return new Expr.Literal(t.substring(1, t.length() - 1).replace("''", "'"));
        }
        if (Character.isDigit(t.charAt(0)) || t.startsWith("-") || t.startsWith("+")) {
            double n = ExprValues.number(t);
            if (Double.isNaN(n)) {
                throw error("not a number: " + t);
            }
            return new Expr.Literal(n);
        }
        if (!isIdentifier(t)) {
            throw error("unexpected '" + t + "'");
        }
        switch (t) {
            case "true" -> {
                return new Expr.Literal(true);
            }
            case "false" -> {
                return new Expr.Literal(false);
            }
            case "null" -> {
                return new Expr.Literal(null);
            }
            default -> {
            }
        }
        if (accept("(")) {
            String name = t.toLowerCase(Locale.ROOT);
            if (!Expr.FUNCTIONS.contains(name)) {
                throw error("unknown function " + t + "() (the rehearsal knows " + Expr.FUNCTIONS + ")");
            }
            List<Expr> args = new ArrayList<>();
            if (!accept(")")) {
                do {
                    args.add(or());
                } while (accept(","));
                expect(")");
            }
            int wanted = switch (name) {
                case "fromjson", "tojson" -> 1;
                case "hashfiles" -> -1;
                default -> 0;
            };
            if (wanted >= 0 && args.size() != wanted) {
                throw error(t + "() takes " + wanted + " argument(s), not " + args.size());
            }
            return new Expr.Call(name, args);
        }
        return new Expr.ContextRef(t);
    }

    private String memberText(Expr target, String suffix) {
        if (target instanceof Expr.ContextRef c) {
            return c.name() + suffix;
        }
        if (target instanceof Expr.Member m) {
            return m.text() + suffix;
        }
        return "(...)" + suffix;
    }

    private boolean peekIs(String t) {
        return pos < tokens.size() && tokens.get(pos).equals(t);
    }

    private boolean accept(String t) {
        if (peekIs(t)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String t) {
        if (!accept(t)) {
            throw error("expected '" + t + "'" + (pos < tokens.size() ? " before '" + tokens.get(pos) + "'" : " at the end"));
        }
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw error("unexpected end");
        }
        return tokens.get(pos++);
    }

    private RehearsalException error(String what) {
        return new RehearsalException("expression `" + source.strip() + "`: " + what);
    }

    private static boolean isIdentifier(String t) {
        return !t.isEmpty() && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_');
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) {
                        throw new RehearsalException("expression `" + s.strip() + "`: unterminated string");
                    }
                    if (s.charAt(j) == '\'') {
                        if (j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.add(s.substring(i, j + 1));
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '-')) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("==", "!=", ">=", "<=", "&&", "||").contains(two)) {
                    out.add(two);
                    i += 2;
                } else if ("()[].,!<>*".indexOf(c) >= 0) {
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    throw new RehearsalException("expression `" + s.strip() + "`: unexpected character '" + c + "'");
                }
            }
        }
        return out;
    }
}
