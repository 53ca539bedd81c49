package deadzone.godoc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A file's build constraints: its {@code //go:build} line (or, without one, its {@code // +build}
 * lines) from the comments above the package clause, and the GOOS/GOARCH suffix of its name.
 * Two questions are asked of them: is the file left out of every build the way {@code ignore}
 * files are (generators, examples), and is it part of the linux/amd64 build, the platform whose
 * declaration is shown when several files declare the same name (as pkg.go.dev does).
 */
final class BuildConstraints {
    static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos",
        "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos");
    static final Set<String> KNOWN_ARCH = Set.of("386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be",
        "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le",
        "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm");
    private static final Set<String> DEFAULT_PLATFORM_TAGS = Set.of("linux", "amd64", "unix", "gc", "cgo");
    /** Parentheses nested deeper than this make the line unreadable rather than the stack overflow. */
    private static final int MAX_NESTING = 64;

    /** Kleene logic: a tag nobody sets is false, one that may or may not be set is unknown. */
    private enum Truth {
        FALSE, TRUE, UNKNOWN;

        Truth not() {
            return this == UNKNOWN ? UNKNOWN : this == TRUE ? FALSE : TRUE;
        }

        Truth and(Truth o) {
            return this == FALSE || o == FALSE ? FALSE : this == TRUE && o == TRUE ? TRUE : UNKNOWN;
        }

        Truth or(Truth o) {
            return this == TRUE || o == TRUE ? TRUE : this == FALSE && o == FALSE ? FALSE : UNKNOWN;
        }
    }

    private final String goBuild;
    private final List<String> plusBuild;
    private final String fileName;

    private BuildConstraints(String goBuild, List<String> plusBuild, String fileName) {
        this.goBuild = goBuild;
        this.plusBuild = plusBuild;
        this.fileName = fileName;
    }

    /** The constraints in the comments above the package clause ({@code header}: raw comment texts). */
    static BuildConstraints of(String fileName, List<String> header) {
        String goBuild = null;
        List<String> plusBuild = new ArrayList<>();
        for (String comment : header) {
            if (!comment.startsWith("//")) {
                continue;
            }
            String body = comment.substring(2);
            if (goBuild == null && (body.equals("go:build") || body.startsWith("go:build ") || body.startsWith("go:build\t"))) {
                goBuild = body.substring("go:build".length()).strip();
            } else if (body.strip().startsWith("+build") && (body.strip().length() == 6 || Character.isWhitespace(body.strip().charAt(6)))) {
                plusBuild.add(body.strip().substring(6).strip());
            }
        }
        return new BuildConstraints(goBuild, goBuild != null ? List.of() : plusBuild, fileName);
    }

    /** Left out of every build unless the {@code ignore} tag is set: a {@code //go:build ignore} file. */
    boolean excludedFromEveryBuild() {
        return evaluate(tag -> tag.equals("ignore") ? Truth.FALSE : Truth.UNKNOWN) == Truth.FALSE;
    }

    /** Built for linux/amd64 (file name suffix and constraints). */
    boolean inDefaultPlatform() {
        return nameMatchesDefaultPlatform() && evaluate(tag -> DEFAULT_PLATFORM_TAGS.contains(tag)
            || tag.startsWith("go1.") ? Truth.TRUE : Truth.FALSE) == Truth.TRUE;
    }

    private boolean nameMatchesDefaultPlatform() {
        String name = fileName;
        int dot = name.indexOf('.');
        if (dot >= 0) {
            name = name.substring(0, dot);
        }
        int underscore = name.indexOf('_');
        if (underscore < 0) {
            return true;
        }
        List<String> parts = new ArrayList<>(List.of(name.substring(underscore).split("_", -1)));
        if (!parts.isEmpty() && parts.get(parts.size() - 1).equals("test")) {
            parts.remove(parts.size() - 1);
        }
        int n = parts.size();
        if (n >= 2 && KNOWN_OS.contains(parts.get(n - 2)) && KNOWN_ARCH.contains(parts.get(n - 1))) {
            return parts.get(n - 2).equals("linux") && parts.get(n - 1).equals("amd64");
        }
        if (n >= 1 && KNOWN_OS.contains(parts.get(n - 1))) {
            return parts.get(n - 1).equals("linux");
        }
        if (n >= 1 && KNOWN_ARCH.contains(parts.get(n - 1))) {
            return parts.get(n - 1).equals("amd64");
        }
        return true;
    }

    /** TRUE when there is no constraint, or one that cannot be read (the go command would report it). */
    private Truth evaluate(Function<String, Truth> tags) {
        if (goBuild != null) {
            Truth t = new Expression(goBuild, tags).parse();
            return t == null ? Truth.TRUE : t;
        }
        Truth all = Truth.TRUE;
        for (String line : plusBuild) {
            Truth any = Truth.FALSE;
            for (String option : line.split("\\s+")) {
                if (option.isEmpty()) {
                    continue;
                }
                Truth each = Truth.TRUE;
                for (String term : option.split(",")) {
                    boolean negated = term.startsWith("!");
                    String tag = negated ? term.substring(1) : term;
                    if (!validTag(tag)) {
                        return Truth.TRUE;
                    }
                    Truth t = tags.apply(tag);
                    each = each.and(negated ? t.not() : t);
                }
                any = any.or(each);
            }
            all = all.and(any);
        }
        return all;
    }

    private static boolean validTag(String tag) {
        if (tag.isEmpty()) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** A {@code //go:build} expression: ||, &&, !, parentheses and tags; null when malformed. */
    private static final class Expression {
        private final String s;
        private final Function<String, Truth> tags;
        private int pos;
        private int depth;
        private boolean failed;

        Expression(String s, Function<String, Truth> tags) {
            this.s = s;
            this.tags = tags;
        }

        Truth parse() {
            Truth t = or();
            skipSpaces();
            return failed || pos != s.length() ? null : t;
        }

        private Truth or() {
            Truth t = and();
            while (!failed && consume("||")) {
                t = t.or(and());
            }
            return t;
        }

        private Truth and() {
            Truth t = not();
            while (!failed && consume("&&")) {
                t = t.and(not());
            }
            return t;
        }

        private Truth not() {
            int negations = 0;
            while (consume("!")) {
                negations++;
            }
            Truth t = atom();
            return negations % 2 == 0 ? t : t.not();
        }

        private Truth atom() {
            skipSpaces();
            if (consume("(")) {
                if (++depth > MAX_NESTING) {
                    failed = true;
                    return Truth.TRUE;
                }
                Truth t = or();
                depth--;
                if (!consume(")")) {
                    failed = true;
                }
                return t;
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.')) {
                pos++;
            }
            if (start == pos) {
                failed = true;
                return Truth.TRUE;
            }
            return tags.apply(s.substring(start, pos));
        }

        private boolean consume(String token) {
            skipSpaces();
            if (s.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }
    }
}
