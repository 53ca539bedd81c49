package deadzone.godoc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * A Go doc comment (the text of its comment group) as markdown, following the Go doc comment
 * syntax (https://go.dev/doc/comment): "# Heading" lines and old-style one-line headings,
 * indented blocks as fenced {@code go} code, indented "-"/"1." lines as lists, {@code [Text]: URL}
 * link definitions as links, and doc links such as {@code [Reader]} or {@code [io.Writer]} as plain
 * text. Paragraph lines are kept as written, escaped only where markdown would read a heading, a
 * setext underline, a fence or an HTML comment.
 */
final class DocComment {
    /** A piece of converted comment: a heading, or markdown text without headings. */
    sealed interface Block permits Heading, Text {
    }

    record Heading(String text) implements Block {
    }

    record Text(String markdown) implements Block {
    }

    private static final Pattern CLOSING_HASHES = Pattern.compile("(?:^|[ \\t]+)#+[ \\t]*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\{:?[ \\t]*(?:[#.][^}\\s]|[\\w-]+=)[^}]*}");
    /** A longer "heading" is a paragraph: a heading is a title, and the markdown patterns stay linear. */
    private static final int MAX_HEADING = 200;
    private static final Pattern UNDERLINE = Pattern.compile("^(=+|-+)[ \\t]*$");

    private enum Kind { CODE, HEADING, LIST, OLD_HEADING, PARAGRAPH }

    private record Span(int start, int end, Kind kind) {
    }

    private final List<String> lines;
    /** Whether [recv.]name is a symbol of this package (recv "" for package-level names). */
    private final BiPredicate<String, String> isSymbol;
    private final Map<String, String> links = new HashMap<>();

    private DocComment(List<String> lines, BiPredicate<String, String> isSymbol) {
        this.lines = lines;
        this.isSymbol = isSymbol;
    }

    /** The comment text as blocks; consecutive non-heading content is one {@link Text}. */
    static List<Block> toMarkdown(String commentText, BiPredicate<String, String> isSymbol) {
        List<String> lines = unindent(List.of(commentText.split("\n", -1)));
        return new DocComment(lines, isSymbol).convert();
    }

    private List<Block> convert() {
        List<Span> spans = spans(lines);
        // Link definitions anywhere in the comment apply to all of it: collect them first.
        List<Object> parsed = new ArrayList<>();
        Span previous = null;
        for (Span s : spans) {
            List<String> body = lines.subList(s.start(), s.end());
            switch (s.kind()) {
                case CODE -> parsed.add(new Text(fenced(unindent(body))));
                case HEADING -> parsed.add(heading(body.get(0).strip().substring(1)));
                case OLD_HEADING -> parsed.add(heading(body.get(0)));
                case LIST -> parsed.add(new ListBlock(body, previous != null && previous.end() < s.start()));
                case PARAGRAPH -> {
                    if (!linkDefinitions(body)) {
                        parsed.add(new Paragraph(body));
                    }
                }
            }
            previous = s;
        }
        List<Block> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Object p : parsed) {
            if (p instanceof Heading h) {
                flush(text, out);
                out.add(h);
                continue;
            }
            String md = p instanceof Text t ? t.markdown()
                : p instanceof Paragraph para ? paragraph(para.lines())
                : list((ListBlock) p);
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(md);
        }
        flush(text, out);
        return out;
    }

    private record Paragraph(List<String> lines) {
    }

    private record ListBlock(List<String> lines, boolean blankBefore) {
    }

    private static void flush(StringBuilder text, List<Block> out) {
        if (text.length() > 0) {
            out.add(new Text(text.toString()));
            text.setLength(0);
        }
    }

    /** The heading's text as a markdown reader takes it back: without closing #s or a trailing {#id} attribute list. */
    private static Heading heading(String raw) {
        String h = CLOSING_HASHES.matcher(raw.strip()).replaceFirst("").stripTrailing();
        int open = h.lastIndexOf('{');
        if (h.endsWith("}") && open >= 0 && ATTRIBUTE.matcher(h.substring(open)).matches()) {
            h = h.substring(0, open).stripTrailing();
        }
        return new Heading(h.isEmpty() ? raw.strip() : h);
    }

    // ---------------------------------------------------------------- block structure (go/doc/comment)

    /** Removes the indentation common to all lines; blank lines become empty; blank lines at both ends go. */
    static List<String> unindent(List<String> in) {
        int from = 0;
        int to = in.size();
        while (from < to && in.get(from).isBlank()) {
            from++;
        }
        while (to > from && in.get(to - 1).isBlank()) {
            to--;
        }
        if (from == to) {
            return List.of();
        }
        String prefix = null;
        for (int i = from; i < to; i++) {
            String line = in.get(i);
            if (line.isBlank()) {
                continue;
            }
            String lead = leadingSpace(line);
            prefix = prefix == null ? lead : commonPrefix(prefix, lead);
        }
        List<String> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            String line = in.get(i);
            out.add(line.isBlank() ? "" : line.substring(prefix.length()));
        }
        return out;
    }

    private static String leadingSpace(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(0, i);
    }

    private static String commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }

    private static boolean indented(String line) {
        return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
    }

    /** The spans of go/doc/comment's parser, its heuristics for mis-indented lists and code included. */
    private static List<Span> spans(List<String> lines) {
        List<Span> spans = new ArrayList<>();
        int i = 0;
        int forceIndent = 0;
        int n = lines.size();
        int watchdog = 2 * n + 2;
        while (true) {
            while (i < n && lines.get(i).isEmpty()) {
                i++;
            }
            if (i >= n || --watchdog < 0) {
                break;
            }
            int start = i;
            int end;
            Kind kind;
            if (i < forceIndent || indented(lines.get(i))) {
                boolean unindentedListOk = isList(lines.get(i)) && i < forceIndent;
                i++;
                while (i < n && (lines.get(i).isEmpty() || i < forceIndent || indented(lines.get(i))
                    || unindentedListOk && isList(lines.get(i)))) {
                    if (lines.get(i).isEmpty()) {
                        unindentedListOk = false;
                    }
                    i++;
                }
                end = i;
                while (end > start && lines.get(end - 1).isEmpty()) {
                    end--;
                }
                if (end < n && lines.get(end).startsWith("}")) {
                    end++;
                }
                kind = isList(lines.get(start)) ? Kind.LIST : Kind.CODE;
            } else {
                i++;
                while (i < n && !lines.get(i).isEmpty() && !indented(lines.get(i))) {
                    i++;
                }
                end = i;
                if (i < n && !lines.get(i).isEmpty() && !isList(lines.get(i))) {
                    if (isList(lines.get(i - 1))) {
                        forceIndent = end;
                        end--;
                        while (end > start && isList(lines.get(end - 1))) {
                            end--;
                        }
                    } else if (lines.get(i - 1).endsWith("{") || lines.get(i - 1).endsWith("\\")) {
                        forceIndent = end;
                        end--;
                    }
                    if (start == end && forceIndent > start) {
                        i = start;
                        continue;
                    }
                }
                boolean oneShortLine = end - start == 1 && lines.get(start).length() <= MAX_HEADING;
                if (oneShortLine && isHeading(lines.get(start))) {
                    kind = Kind.HEADING;
                } else if (oneShortLine && isOldHeading(lines.get(start), lines, start)) {
                    kind = Kind.OLD_HEADING;
                } else {
                    kind = Kind.PARAGRAPH;
                }
            }
            spans.add(new Span(start, end, kind));
            i = end;
        }
        return spans;
    }

    private static boolean isHeading(String line) {
        return line.length() >= 2 && line.charAt(0) == '#' && (line.charAt(1) == ' ' || line.charAt(1) == '\t')
            && !line.strip().equals("#");
    }

    private static boolean isOldHeading(String line, List<String> all, int off) {
        if (off <= 0 || !all.get(off - 1).isEmpty() || off + 2 >= all.size() || !all.get(off + 1).isEmpty()
            || !leadingSpace(all.get(off + 2)).isEmpty()) {
            return false;
        }
        String l = line.strip();
        int first = l.codePointAt(0);
        if (!Character.isLetter(first) || !Character.isUpperCase(first)) {
            return false;
        }
        int last = l.codePointBefore(l.length());
        if (!Character.isLetter(last) && !Character.isDigit(last)) {
            return false;
        }
        for (char c : ";:!?+*/=[]{}_^°&§~%#@<\">\\".toCharArray()) {
            if (l.indexOf(c) >= 0) {
                return false;
            }
        }
        int n = l.length();
        for (int q = l.indexOf('\''); q >= 0; q = l.indexOf('\'', q + 1)) {
            // an apostrophe only in a possessive "'s"
            if (q + 1 >= n || l.charAt(q + 1) != 's' || q + 2 < n && l.charAt(q + 2) != ' ') {
                return false;
            }
        }
        for (int d = l.indexOf('.'); d >= 0; d = l.indexOf('.', d + 1)) {
            if (d + 1 >= n || l.charAt(d + 1) == ' ') {
                return false; // a period ends a sentence, not a heading
            }
        }
        return true;
    }

    /** A list marker ("-", "*", "+", "•", "1." or "1)") followed by indented text: {marker number or "", rest} or null. */
    private static String[] listMarker(String line) {
        String l = line.strip();
        if (l.isEmpty()) {
            return null;
        }
        String num;
        String rest;
        char c = l.charAt(0);
        if (c == '•' || c == '*' || c == '+' || c == '-') {
            num = "";
            rest = l.substring(1);
        } else if (c >= '0' && c <= '9') {
            int n = 1;
            while (n < l.length() && l.charAt(n) >= '0' && l.charAt(n) <= '9') {
                n++;
            }
            if (n >= l.length() || l.charAt(n) != '.' && l.charAt(n) != ')') {
                return null;
            }
            num = l.substring(0, n);
            rest = l.substring(n + 1);
        } else {
            return null;
        }
        if (!indented(rest) || rest.isBlank()) {
            return null;
        }
        return new String[] {num, rest};
    }

    private static boolean isList(String line) {
        return listMarker(line) != null;
    }

    private boolean linkDefinitions(List<String> body) {
        Map<String, String> defs = new HashMap<>();
        for (String line : body) {
            if (line.isEmpty() || line.charAt(0) != '[') {
                return false;
            }
            int i = line.indexOf("]:");
            if (i < 0 || i + 3 >= line.length() || line.charAt(i + 2) != ' ' && line.charAt(i + 2) != '\t') {
                return false;
            }
            String url = line.substring(i + 3).strip();
            int scheme = url.indexOf("://");
            if (scheme < 0 || !List.of("file", "ftp", "gopher", "http", "https", "mailto", "nntp").contains(url.substring(0, scheme))) {
                return false;
            }
            defs.putIfAbsent(line.substring(1, i), url);
        }
        defs.forEach(links::putIfAbsent);
        return true;
    }

    // ---------------------------------------------------------------- markdown

    private String paragraph(List<String> body) {
        StringBuilder out = new StringBuilder();
        for (String line : body) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(escape(linked(line)));
        }
        return out.toString();
    }

    private String list(ListBlock block) {
        List<String> body = block.lines();
        String[] firstMarker = listMarker(body.get(0));
        boolean numbered = !firstMarker[0].isEmpty();
        List<List<List<String>>> items = new ArrayList<>(); // item -> paragraphs -> lines
        List<String> markers = new ArrayList<>();
        boolean blankBetween = false;
        for (String line : body) {
            String[] m = listMarker(line);
            if (m != null && m[0].isEmpty() != numbered) {
                items.add(new ArrayList<>(List.of(new ArrayList<>())));
                markers.add(numbered ? m[0] + ". " : "- ");
                line = m[1];
            }
            if (items.isEmpty()) {
                continue;
            }
            List<List<String>> paragraphs = items.get(items.size() - 1);
            String text = line.strip();
            if (text.isEmpty()) {
                blankBetween = true;
                if (!paragraphs.get(paragraphs.size() - 1).isEmpty()) {
                    paragraphs.add(new ArrayList<>());
                }
                continue;
            }
            paragraphs.get(paragraphs.size() - 1).add(text);
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < items.size(); k++) {
            if (k > 0) {
                out.append(blankBetween ? "\n\n" : "\n");
            }
            List<String> rendered = new ArrayList<>(); // "" between the paragraphs of one item
            for (List<String> para : items.get(k)) {
                if (para.isEmpty()) {
                    continue;
                }
                if (!rendered.isEmpty()) {
                    rendered.add("");
                }
                for (String line : para) {
                    rendered.add(escape(linked(line)));
                }
            }
            String marker = markers.get(k);
            String indent = " ".repeat(marker.length());
            for (int j = 0; j < rendered.size(); j++) {
                String line = rendered.get(j);
                out.append(j == 0 ? marker + line : line.isEmpty() ? "\n" : "\n" + indent + line);
            }
        }
        return out.toString();
    }

    /** Escapes a line start markdown would read as block syntax (a heading, an underline, a fence, a comment). */
    static String escape(String line) {
        String s = line.stripLeading();
        if (s.startsWith("#") || UNDERLINE.matcher(s).matches() || s.startsWith("```") || s.startsWith("~~~")
            || s.startsWith("<!--")) {
            return line.substring(0, line.length() - s.length()) + "\\" + s;
        }
        return line;
    }

    static String fenced(List<String> code) {
        int longest = 0;
        for (String line : code) {
            int run = 0;
            for (int i = 0; i < line.length(); i++) {
                run = line.charAt(i) == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "go\n" + String.join("\n", code) + "\n" + fence;
    }

    /** [Text] with a link definition becomes a markdown link; a doc link [Name] or [pkg.Name] becomes its text. */
    private String linked(String line) {
        StringBuilder out = new StringBuilder();
        int wrote = 0;
        int start = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '[') {
                start = i;
            } else if (c == ']' && start >= 0) {
                String inside = line.substring(start + 1, i);
                String url = links.get(inside);
                if (url != null) {
                    out.append(line, wrote, start).append('[').append(inside).append("](").append(url).append(')');
                    wrote = i + 1;
                } else if (isDocLink(inside, start == 0 ? -1 : line.codePointBefore(start), i + 1 < line.length() ? line.codePointAt(i + 1) : -1)) {
                    out.append(line, wrote, start).append(inside);
                    wrote = i + 1;
                }
                start = -1;
            }
        }
        return out.append(line, wrote, line.length()).toString();
    }

    /** {@code before}/{@code after}: the characters around the brackets, -1 at a line end. */
    private boolean isDocLink(String text, int before, int after) {
        if (before >= 0 && !boundary(before) || after >= 0 && !boundary(after)) {
            return false;
        }
        String s = text.startsWith("*") ? text.substring(1) : text;
        int dot = s.lastIndexOf('.');
        String name = s.substring(dot + 1);
        if (!isExportedIdentifier(name)) {
            return s.contains("/") && s.matches("[A-Za-z0-9_.~+-]+(/[A-Za-z0-9_.~+-]+)+"); // [io/fs]: a package
        }
        if (dot < 0) {
            return isSymbol.test("", name);
        }
        String qualifier = s.substring(0, dot);
        int inner = qualifier.lastIndexOf('.');
        String last = qualifier.substring(inner + 1);
        if (isExportedIdentifier(last)) {
            String pkg = inner < 0 ? "" : qualifier.substring(0, inner);
            return pkg.isEmpty() ? isSymbol.test(last, name) : isPackage(pkg); // [Recv.Method] or [pkg.Recv.Method]
        }
        return isPackage(qualifier); // [pkg.Name]
    }

    private static boolean isPackage(String s) {
        return s.matches("[a-z][a-z0-9_]*") || s.matches("[A-Za-z0-9_.~+-]+(/[A-Za-z0-9_.~+-]+)+");
    }

    private static boolean boundary(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || isPunctuation(cp);
    }

    private static boolean isPunctuation(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
            || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
            || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
            || type == Character.OTHER_PUNCTUATION;
    }

    static boolean isExportedIdentifier(String s) {
        if (s.isEmpty() || !Character.isUpperCase(s.codePointAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!(cp == '_' || Character.isLetterOrDigit(cp))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
