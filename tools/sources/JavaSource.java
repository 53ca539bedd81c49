package sources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one Java file says about the files it needs, read at the level of tokens (comments,
 * strings, text blocks and character literals are skipped, so a word there is never a
 * reference): its package, its imports, the dotted names it uses in code, the simple names it
 * uses that are not member selections (a same-package class needs no import), the type names it
 * declares, and its leading JBang directive lines.
 */
public final class JavaSource {
    /** {@code import [static] a.b.C[.*];} as written: the dotted name and whether it ends in {@code .*}. */
    public record Import(List<String> name, boolean isStatic, boolean wildcard) {
    }

    /** A string literal passed to a call {@code Receiver.method("...")}, e.g. a log event name. */
    public record Call(String receiver, String method, String firstString, int line) {
    }

    private final Path file;
    private final String text;
    private final List<String> packageName = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    /** Chains {@code a.b.C} used in code whose first name is not a member selection. */
    private final List<List<String>> chains = new ArrayList<>();
    private final Set<String> declared = new LinkedHashSet<>();
    private final List<Call> calls = new ArrayList<>();

    private JavaSource(Path file, String text) {
        this.file = file;
        this.text = text;
        analyse(tokens(text));
    }

    public static JavaSource read(Path file) throws IOException {
        return new JavaSource(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    public static JavaSource of(Path file, String text) {
        return new JavaSource(file, text);
    }

    public Path file() {
        return file;
    }

    public String text() {
        return text;
    }

    /** The package, "" for the default package. */
    public String packageName() {
        return String.join(".", packageName);
    }

    public List<Import> imports() {
        return imports;
    }

    public List<List<String>> chains() {
        return chains;
    }

    /** Names of the types this file declares, nested ones included. */
    public Set<String> declaredTypes() {
        return declared;
    }

    public List<Call> calls() {
        return calls;
    }

    /** The values of the leading {@code //NAME value} directive lines (before any code). */
    public List<String> directives(String name) {
        List<String> out = new ArrayList<>();
        String prefix = "//" + name + " ";
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(prefix)) {
                out.add(line.substring(prefix.length()).strip());
            }
        }
        return out;
    }

    // ---- lexing

    enum Kind { IDENT, DOT, STRING, OTHER }

    record Token(Kind kind, String text, int line) {
    }

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(s, i, end);
                i = end;
            } else if (c == '"' && s.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !s.startsWith("\"\"\"", end)) {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                out.add(new Token(Kind.STRING, s.substring(i + 3, Math.max(i + 3, end - 3)), line));
                line += count(s, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                StringBuilder value = new StringBuilder();
                while (end < n && s.charAt(end) != c && s.charAt(end) != '\n') {
                    if (s.charAt(end) == '\\' && end + 1 < n) {
                        value.append(s.charAt(end + 1));
                        end += 2;
                    } else {
                        value.append(s.charAt(end++));
                    }
                }
                out.add(new Token(c == '"' ? Kind.STRING : Kind.OTHER, value.toString(), line));
                i = Math.min(n, end + 1);
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(s.charAt(end))) {
                    end++;
                }
                out.add(new Token(Kind.IDENT, s.substring(i, end), line));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i + 1;
                // 1.5f, 0x1F, 1_000: a number never starts a name, and its dot is not a selection
                while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                    || s.charAt(end) == '.' && end + 1 < n && Character.isDigit(s.charAt(end + 1)))) {
                    end++;
                }
                out.add(new Token(Kind.OTHER, s.substring(i, end), line));
                i = end;
            } else if (c == '.' && s.startsWith("...", i)) {
                out.add(new Token(Kind.OTHER, "...", line));
                i += 3;
            } else if (c == '.') {
                out.add(new Token(Kind.DOT, ".", line));
                i++;
            } else {
                out.add(new Token(Kind.OTHER, String.valueOf(c), line));
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    // ---- analysis

    private void analyse(List<Token> t) {
        int i = 0;
        while (i < t.size()) {
            Token tok = t.get(i);
            boolean afterDot = i > 0 && t.get(i - 1).kind() == Kind.DOT;
            if (tok.kind() != Kind.IDENT || afterDot) {
                i++;
                continue;
            }
            String word = tok.text();
            if (word.equals("package") && packageName.isEmpty() && imports.isEmpty() && chains.isEmpty()) {
                i = dotted(t, i + 1, packageName);
                continue;
            }
            if (word.equals("import")) {
                int k = i + 1;
                boolean isStatic = k < t.size() && t.get(k).text().equals("static");
                if (isStatic) {
                    k++;
                }
                List<String> name = new ArrayList<>();
                k = dotted(t, k, name);
                boolean wildcard = k + 1 < t.size() && t.get(k).kind() == Kind.DOT && t.get(k + 1).text().equals("*");
                imports.add(new Import(List.copyOf(name), isStatic, wildcard));
                i = k;
                continue;
            }
            if ((word.equals("class") || word.equals("interface") || word.equals("record") || word.equals("enum"))
                && i + 1 < t.size() && t.get(i + 1).kind() == Kind.IDENT
                && !(i > 0 && t.get(i - 1).text().equals("."))) {
                declared.add(t.get(i + 1).text());
            }
            List<String> chain = new ArrayList<>();
            int end = dotted(t, i, chain);
            chains.add(List.copyOf(chain));
            if (chain.size() == 2 && end < t.size() && t.get(end).text().equals("(")
                && end + 1 < t.size() && t.get(end + 1).kind() == Kind.STRING) {
                calls.add(new Call(chain.get(0), chain.get(1), t.get(end + 1).text(), tok.line()));
            }
            i = end;
        }
    }

    /** Reads {@code a.b.c} from {@code start} into {@code out}; returns the index after the last name. */
    private static int dotted(List<Token> t, int start, List<String> out) {
        int k = start;
        while (k < t.size() && t.get(k).kind() == Kind.IDENT) {
            out.add(t.get(k).text());
            k++;
            if (k + 1 < t.size() && t.get(k).kind() == Kind.DOT && t.get(k + 1).kind() == Kind.IDENT) {
                k++;
            } else {
                break;
            }
        }
        return k;
    }
}
