package deadzone.godoc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the top level of one Go source file: the package clause, then each declaration up to the
 * semicolon that ends it (brackets balanced, so bodies, composite literals and struct types are
 * skipped whole). Works on tokens only and never recurses into the source's nesting, so a file of
 * any depth or size costs one pass. A file that is not Go gives a {@link GoSyntaxException}.
 */
final class GoFileReader {
    private final String fileName;
    private final GoTokens t;
    private final CommentGroups comments;
    private final List<GoFile.Func> funcs = new ArrayList<>();
    private final List<GoFile.Type> types = new ArrayList<>();
    private final List<GoFile.Values> values = new ArrayList<>();

    private GoFileReader(String fileName, GoTokens tokens) {
        this.fileName = fileName;
        this.t = tokens;
        this.comments = new CommentGroups(tokens);
    }

    static GoFile read(GoSourceFile file) throws GoSyntaxException {
        String src = GoLexer.normalize(file.text());
        int nul = src.indexOf('\0');
        if (nul >= 0) {
            throw new GoSyntaxException(1 + (int) src.substring(0, nul).chars().filter(c -> c == '\n').count(),
                "contains a NUL byte: a binary file, not Go source");
        }
        return new GoFileReader(file.name(), GoLexer.lex(src)).read();
    }

    private GoFile read() throws GoSyntaxException {
        int i = nextCode(0);
        List<String> header = new ArrayList<>();
        for (int c = 0; c < i; c++) {
            header.add(t.text(c));
        }
        if (!t.is(i, "package")) {
            throw new GoSyntaxException(t.line(i), "not Go source: a Go file starts with its package clause, found " + describe(i));
        }
        int nameToken = nextCode(i + 1);
        if (t.kind(nameToken) != GoTokens.IDENT) {
            throw new GoSyntaxException(t.line(nameToken), "package clause without a package name, found " + describe(nameToken));
        }
        String packageName = t.text(nameToken);
        String packageDoc = doc(comments.leadOf(i));
        i = nextCode(nameToken + 1);
        if (t.kind(i) != GoTokens.SEMICOLON && t.kind(i) != GoTokens.EOF) {
            throw new GoSyntaxException(t.line(i), "expected the end of the package clause, found " + describe(i));
        }
        while (true) {
            i = nextCode(i);
            if (t.kind(i) == GoTokens.EOF) {
                break;
            }
            if (t.kind(i) == GoTokens.SEMICOLON) {
                i++;
                continue;
            }
            int end = declarationEnd(i);
            if (t.is(i, "func")) {
                function(i, end);
            } else if (t.is(i, "type")) {
                typeDeclaration(i, end);
            } else if (t.is(i, "const") || t.is(i, "var")) {
                valueDeclaration(i, end);
            } else if (!t.is(i, "import")) {
                throw new GoSyntaxException(t.line(i), "expected a declaration (func, type, const, var or import), found " + describe(i));
            }
            i = end;
        }
        List<CommentText.Note> notes = new ArrayList<>();
        for (CommentGroups.Group g : comments.all()) {
            notes.addAll(CommentText.notes(comments.texts(g)));
        }
        return new GoFile(fileName, packageName, packageDoc, BuildConstraints.of(fileName, header),
            funcs, types, values, notes);
    }

    // ---------------------------------------------------------------- token helpers

    private int nextCode(int i) {
        while (t.isComment(i)) {
            i++;
        }
        return i;
    }

    /** The last non-comment token before {@code i}. */
    private int previousCode(int i) {
        int j = i - 1;
        while (j >= 0 && t.isComment(j)) {
            j--;
        }
        return j;
    }

    private String describe(int i) {
        return switch (t.kind(i)) {
            case GoTokens.EOF -> "the end of the file";
            case GoTokens.SEMICOLON -> t.start(i) == t.end(i) ? "the end of the line" : "';'";
            default -> {
                String text = t.text(i);
                yield "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
            }
        };
    }

    private boolean isOpen(int i) {
        return t.is(i, "(") || t.is(i, "[") || t.is(i, "{");
    }

    private boolean isClose(int i) {
        return t.is(i, ")") || t.is(i, "]") || t.is(i, "}");
    }

    /**
     * The semicolon (or end of file) that ends the declaration starting at {@code i}, checking that
     * every bracket opened in it is closed by its own kind.
     */
    private int declarationEnd(int i) throws GoSyntaxException {
        int[] stack = new int[16];
        int depth = 0;
        for (int j = i; ; j++) {
            byte kind = t.kind(j);
            if (kind == GoTokens.EOF) {
                if (depth > 0) {
                    int open = stack[depth - 1];
                    throw new GoSyntaxException(t.line(open), "'" + t.text(open) + "' is never closed");
                }
                return j;
            }
            if (kind == GoTokens.SEMICOLON && depth == 0) {
                return j;
            }
            if (kind != GoTokens.OPERATOR) {
                continue;
            }
            if (isOpen(j)) {
                if (depth == stack.length) {
                    stack = Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = j;
            } else if (isClose(j)) {
                if (depth == 0) {
                    throw new GoSyntaxException(t.line(j), "unexpected '" + t.text(j) + "' with nothing open to close");
                }
                int open = stack[--depth];
                char expected = switch (t.source.charAt(t.start(open))) {
                    case '(' -> ')';
                    case '[' -> ']';
                    default -> '}';
                };
                if (t.source.charAt(t.start(j)) != expected) {
                    throw new GoSyntaxException(t.line(j), "'" + t.text(j) + "' does not close the '" + t.text(open)
                        + "' opened on line " + t.line(open));
                }
            }
        }
    }

    /** The bracket that closes the one at {@code open} (the declaration is known to be balanced). */
    private int matching(int open) {
        int depth = 0;
        for (int j = open; ; j++) {
            if (isOpen(j)) {
                depth++;
            } else if (isClose(j) && --depth == 0) {
                return j;
            }
        }
    }

    /** The non-comment tokens of [from, to). */
    private List<Integer> code(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int j = from; j < to; j++) {
            if (!t.isComment(j)) {
                out.add(j);
            }
        }
        return out;
    }

    /** [from, to) cut at semicolons or at commas outside any bracket, each part as {start, end}. */
    private List<int[]> split(int from, int to, boolean atSemicolons) {
        List<int[]> parts = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int j = from; j < to; j++) {
            if (isOpen(j)) {
                depth++;
            } else if (isClose(j)) {
                depth--;
            } else if (depth == 0 && (atSemicolons ? t.kind(j) == GoTokens.SEMICOLON : t.is(j, ","))) {
                parts.add(new int[] {start, j});
                start = j + 1;
            }
        }
        parts.add(new int[] {start, to});
        return parts;
    }

    private String doc(CommentGroups.Group group) {
        return group == null ? "" : CommentText.of(comments.texts(group));
    }

    /** Source text of [from token, to token] plus the comment on the rest of the line, if any. */
    private String textWithLineComment(int from, int last, int separator) {
        int end = t.end(last);
        CommentGroups.Group lineComment = separator >= 0 && t.kind(separator) == GoTokens.SEMICOLON
            ? comments.lineCommentOf(separator) : null;
        if (lineComment == null) {
            lineComment = comments.lineCommentOf(last);
        }
        if (lineComment != null && t.start(lineComment.first()) >= end) {
            end = t.end(lineComment.last());
        }
        return t.source.substring(t.start(from), end);
    }

    // ---------------------------------------------------------------- declarations

    private void function(int i, int end) throws GoSyntaxException {
        int j = nextCode(i + 1);
        GoFile.TypeRef receiver = null;
        boolean pointer = false;
        int recvStart = -1;
        int recvEnd = -1;
        if (t.is(j, "(")) {
            int close = matching(j);
            List<Integer> r = code(j + 1, close);
            int typeAt = receiverTypeStart(r);
            if (typeAt < 0) {
                throw new GoSyntaxException(t.line(j), "method without a receiver type");
            }
            List<Integer> type = r.subList(typeAt, r.size());
            receiver = baseTypeName(type);
            pointer = t.is(type.get(0), "*");
            recvStart = t.start(type.get(0)) - t.start(i);
            recvEnd = t.end(type.get(type.size() - 1)) - t.start(i);
            j = nextCode(close + 1);
        }
        if (t.kind(j) != GoTokens.IDENT) {
            throw new GoSyntaxException(t.line(j), "expected the function's name, found " + describe(j));
        }
        String name = t.text(j);
        j = nextCode(j + 1);
        Set<String> typeParams = Set.of();
        if (t.is(j, "[")) {
            int close = matching(j);
            typeParams = typeParamNames(j, close);
            j = nextCode(close + 1);
        }
        if (!t.is(j, "(")) {
            throw new GoSyntaxException(t.line(j), "expected the parameters of " + name + ", found " + describe(j));
        }
        int resultsFrom = matching(j) + 1;
        int k = resultsFrom;
        while (k < end) {
            if (t.is(k, "(") || t.is(k, "[")) {
                k = matching(k) + 1;
            } else if (t.is(k, "{")) {
                int before = previousCode(k);
                if (t.is(before, "struct") || t.is(before, "interface")) {
                    k = matching(k) + 1;
                } else {
                    break; // the body
                }
            } else {
                k++;
            }
        }
        int last = previousCode(k);
        String signature = t.source.substring(t.start(i), t.end(last));
        funcs.add(new GoFile.Func(fileName, name, doc(comments.leadOf(i)), signature, receiver, pointer, recvStart, recvEnd,
            results(resultsFrom, k), typeParams));
    }

    /** Where the type starts in a receiver's tokens: after the receiver's name, if it has one; -1 if none. */
    private int receiverTypeStart(List<Integer> r) {
        if (r.isEmpty()) {
            return -1;
        }
        if (r.size() >= 2 && t.kind(r.get(0)) == GoTokens.IDENT && !t.is(r.get(1), ".") && !t.is(r.get(1), "[")) {
            return 1;
        }
        return 0;
    }

    private Set<String> typeParamNames(int open, int close) {
        Set<String> names = new LinkedHashSet<>();
        int depth = 0;
        boolean expectName = true;
        for (int j = open + 1; j < close; j++) {
            if (t.isComment(j)) {
                continue;
            }
            if (isOpen(j)) {
                depth++;
            } else if (isClose(j)) {
                depth--;
            } else if (depth == 0 && t.is(j, ",")) {
                expectName = true;
                continue;
            } else if (depth == 0 && expectName && t.kind(j) == GoTokens.IDENT) {
                names.add(t.text(j));
                continue;
            }
            expectName = false;
        }
        return names;
    }

    /** The result types of a function, one per result field (as go/doc counts them). */
    private List<GoFile.TypeRef> results(int from, int to) {
        List<Integer> r = code(from, to);
        if (r.isEmpty()) {
            return List.of();
        }
        if (!t.is(r.get(0), "(") || matching(r.get(0)) != r.get(r.size() - 1)) {
            return List.of(fieldType(r));
        }
        List<List<Integer>> parts = new ArrayList<>();
        for (int[] p : split(r.get(0) + 1, r.get(r.size() - 1), false)) {
            List<Integer> part = code(p[0], p[1]);
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        boolean named = parts.stream().anyMatch(this::isNamedField);
        List<GoFile.TypeRef> out = new ArrayList<>();
        for (List<Integer> part : parts) {
            if (!named) {
                out.add(fieldType(part));
            } else if (part.size() > 1) {
                out.add(fieldType(part.subList(1, part.size())));
            }
        }
        return out;
    }

    /** Whether a parameter is "name Type" rather than a bare type. */
    private boolean isNamedField(List<Integer> part) {
        if (part.size() < 2 || t.kind(part.get(0)) != GoTokens.IDENT || t.is(part.get(1), ".")) {
            return false;
        }
        if (t.is(part.get(1), "[")) {
            return matching(part.get(1)) != part.get(part.size() - 1); // T[X] is a generic type, x []T a named slice
        }
        return true;
    }

    /** A result's type, where a slice or array of T counts as T (go/doc's factory rule). */
    private GoFile.TypeRef fieldType(List<Integer> type) {
        if (!type.isEmpty() && t.is(type.get(0), "[")) {
            int close = matching(type.get(0));
            int at = type.indexOf(close);
            return at < 0 ? GoFile.TypeRef.NONE : baseTypeName(type.subList(at + 1, type.size()));
        }
        return baseTypeName(type);
    }

    /** go/doc's baseTypeName: T, *T, (T), T[X] and pkg.T (imported); anything else has no name. */
    private GoFile.TypeRef baseTypeName(List<Integer> type) {
        int k = 0;
        while (k < type.size() && (t.is(type.get(k), "*") || t.is(type.get(k), "("))) {
            k++;
        }
        if (k >= type.size() || t.kind(type.get(k)) != GoTokens.IDENT) {
            return GoFile.TypeRef.NONE;
        }
        if (k + 2 < type.size() && t.is(type.get(k + 1), ".") && t.kind(type.get(k + 2)) == GoTokens.IDENT) {
            return new GoFile.TypeRef(t.text(type.get(k + 2)), true);
        }
        return new GoFile.TypeRef(t.text(type.get(k)), false);
    }

    private void typeDeclaration(int i, int end) throws GoSyntaxException {
        int j = nextCode(i + 1);
        String declDoc = doc(comments.leadOf(i));
        if (!t.is(j, "(")) {
            typeSpec(i, j, previousCode(end), end, declDoc, true);
            return;
        }
        int close = matching(j);
        for (int[] spec : split(j + 1, close, true)) {
            int first = nextCode(spec[0]);
            if (first >= spec[1]) {
                continue;
            }
            String specDoc = doc(comments.leadOf(first));
            typeSpec(first, first, previousCode(spec[1]), spec[1], specDoc.isEmpty() ? declDoc : specDoc, false);
        }
    }

    /** One type spec [first, last]; {@code from} is where its text starts (the keyword for an ungrouped one). */
    private void typeSpec(int from, int first, int last, int separator, String doc, boolean ungrouped) throws GoSyntaxException {
        if (t.kind(first) != GoTokens.IDENT) {
            throw new GoSyntaxException(t.line(first), "expected a type name, found " + describe(first));
        }
        String name = t.text(first);
        int k = nextCode(first + 1);
        if (t.is(k, "[") && isTypeParamList(k)) {
            k = nextCode(matching(k) + 1);
        }
        if (t.is(k, "=")) {
            k = nextCode(k + 1);
        }
        boolean isStruct = t.is(k, "struct");
        List<GoFile.Embedded> embedded = new ArrayList<>();
        int body = nextCode(k + 1);
        if ((isStruct || t.is(k, "interface")) && t.is(body, "{")) {
            embedded = embeddedFields(body, matching(body));
        }
        String text = textWithLineComment(from, last, separator);
        types.add(new GoFile.Type(fileName, name, doc, ungrouped ? text : "type " + dedent(text, first), isStruct, embedded));
    }

    /**
     * A grouped spec's lines without the indentation its first line has in the group, so that
     * {@code type Name struct} reads as if declared alone (as go/doc prints it).
     */
    private String dedent(String text, int first) {
        int lineStart = t.source.lastIndexOf('\n', t.start(first)) + 1;
        String indent = t.source.substring(lineStart, t.start(first));
        if (indent.isEmpty() || !indent.isBlank()) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        for (int k = 1; k < lines.length; k++) {
            if (lines[k].startsWith(indent)) {
                lines[k] = lines[k].substring(indent.length());
            }
        }
        return String.join("\n", lines);
    }

    /** {@code type A[T any] ...} declares type parameters; {@code type A [N]T} is an array type. */
    private boolean isTypeParamList(int open) {
        List<Integer> inside = code(open + 1, matching(open));
        if (inside.size() < 2 || t.kind(inside.get(0)) != GoTokens.IDENT) {
            return false;
        }
        int second = inside.get(1);
        if (t.is(second, ",")) {
            return true;
        }
        byte kind = t.kind(second);
        return kind == GoTokens.IDENT || kind == GoTokens.KEYWORD || t.is(second, "*") || t.is(second, "~")
            || t.is(second, "[") || t.is(second, "(");
    }

    private List<GoFile.Embedded> embeddedFields(int open, int close) {
        List<GoFile.Embedded> out = new ArrayList<>();
        for (int[] field : split(open + 1, close, true)) {
            List<Integer> f = new ArrayList<>(code(field[0], field[1]));
            if (!f.isEmpty() && t.kind(f.get(f.size() - 1)) == GoTokens.LITERAL) {
                f.remove(f.size() - 1); // the tag
            }
            if (f.isEmpty()) {
                continue;
            }
            boolean embeddedField = t.is(f.get(0), "*") || t.is(f.get(0), "(")
                || t.kind(f.get(0)) == GoTokens.IDENT && (f.size() == 1 || t.is(f.get(1), ".")
                || t.is(f.get(1), "[") && matching(f.get(1)) == f.get(f.size() - 1));
            if (embeddedField) {
                GoFile.TypeRef base = baseTypeName(f);
                if (!base.imported() && !base.baseName().isEmpty()) {
                    out.add(new GoFile.Embedded(base.baseName(), t.is(f.get(0), "*")));
                }
            }
        }
        return out;
    }

    private void valueDeclaration(int i, int end) throws GoSyntaxException {
        boolean isConst = t.is(i, "const");
        int j = nextCode(i + 1);
        String doc = doc(comments.leadOf(i));
        List<String> names = new ArrayList<>();
        List<GoFile.Spec> specs = new ArrayList<>();
        if (t.is(j, "(")) {
            int close = matching(j);
            for (int[] spec : split(j + 1, close, true)) {
                List<Integer> s = code(spec[0], spec[1]);
                if (!s.isEmpty()) {
                    specs.add(valueSpec(s, names, i));
                }
            }
            if (specs.isEmpty()) {
                return; // "const ()" declares nothing
            }
            values.add(new GoFile.Values(fileName, isConst, doc, textWithLineComment(i, close, end), names, specs));
        } else {
            specs.add(valueSpec(code(j, end), names, i));
            values.add(new GoFile.Values(fileName, isConst, doc, textWithLineComment(i, previousCode(end), end), names, specs));
        }
    }

    /** One spec's tokens {@code s} of the declaration whose keyword is token {@code keyword}. */
    private GoFile.Spec valueSpec(List<Integer> s, List<String> names, int keyword) throws GoSyntaxException {
        int k = 0;
        while (true) {
            if (k >= s.size() || t.kind(s.get(k)) != GoTokens.IDENT) {
                int at = k < s.size() ? s.get(k) : s.isEmpty() ? nextCode(keyword + 1) : s.get(s.size() - 1);
                throw new GoSyntaxException(t.line(at), "expected a constant or variable name, found " + describe(at));
            }
            names.add(t.text(s.get(k)));
            k++;
            if (k < s.size() && t.is(s.get(k), ",")) {
                k++;
            } else {
                break;
            }
        }
        int equals = k;
        int depth = 0;
        while (equals < s.size()) {
            int tok = s.get(equals);
            if (isOpen(tok)) {
                depth++;
            } else if (isClose(tok)) {
                depth--;
            } else if (depth == 0 && t.is(tok, "=")) {
                break;
            }
            equals++;
        }
        boolean hasType = equals > k;
        GoFile.TypeRef type = hasType ? baseTypeName(s.subList(k, equals)) : GoFile.TypeRef.NONE;
        return new GoFile.Spec(type, hasType, equals < s.size());
    }
}
