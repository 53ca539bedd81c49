package deadzone.parse;

import deadzone.util.HttpUrls;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces the code includes of a markdown page by the files they name, before the page is split
 * into sections: FastAPI's {@code {* ../../docs_src/x.py hl[3] *}} and pymdownx snippets
 * ({@code --8<-- "path"}, with single quotes, and the block form between two {@code --8<--} lines).
 * Code becomes a fenced block in the language of its extension; an included markdown file is
 * inserted as markdown, as mkdocs would, and inside a fence a snippet is inserted as is. An include
 * that cannot be found leaves a visible note and a problem; the page is never failed by it.
 */
final class MarkdownIncludes {
    private static final Pattern FASTAPI = Pattern.compile("^(\\s*)\\{\\*\\s*(\\S+)(.*?)\\*}\\s*$");
    private static final Pattern FASTAPI_OPTION = Pattern.compile("(\\w+)\\[(\"[^\"]*\"|[^\\]]*)]");
    /** The marker of a one-line snippet; the quoted path after it is read by {@link #quotedPath}. */
    private static final Pattern SNIPPET_LINE = Pattern.compile("^([ \\t]*)(;*)-+8<-+[ \\t]+");
    private static final Pattern SNIPPET_BLOCK = Pattern.compile("^([ \\t]*)(;*)-+8<-+\\s*$");
    private static final Pattern LINE_RANGE = Pattern.compile("^(.+?):(\\d*)(?::(\\d*))?$");
    /** Snippets may include snippets; this stops a file that includes itself. */
    private static final int MAX_DEPTH = 4;

    private final IncludeResolver resolver;
    private final OutputBudget budget;
    private final List<String> problems;

    MarkdownIncludes(IncludeSource source, IncludeBase base, OutputBudget budget, List<String> problems) {
        this.resolver = new IncludeResolver(source, base);
        this.budget = budget;
        this.problems = problems;
    }

    String expand(String pageUrl, String text) {
        return expand(pageUrl, text, 0);
    }

    private String expand(String pageUrl, String text, int depth) {
        List<String> lines = List.of(text.split("\n", -1));
        List<String> out = new ArrayList<>(lines.size());
        FenceTracker fences = new FenceTracker();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean wasInside = fences.inside();
            boolean fenced = fences.feed(line);
            boolean content = wasInside && fences.inside();
            if (fenced && !content) {
                out.add(line); // a fence's opening or closing line
                continue;
            }
            Matcher fastapi = FASTAPI.matcher(line);
            Matcher snippet = SNIPPET_LINE.matcher(line);
            Matcher block = SNIPPET_BLOCK.matcher(line);
            String quoted = snippet.lookingAt() ? quotedPath(line.substring(snippet.end())) : null;
            if (!content && mayBeFastApiInclude(line) && fastapi.matches()) {
                out.add(fastApiInclude(pageUrl, fastapi.group(1), fastapi.group(2), fastapi.group(3)));
            } else if (quoted != null) {
                if (!snippet.group(2).isEmpty()) {
                    out.add(unescape(line)); // ;--8<-- shows the marker itself
                } else {
                    out.add(snippet(pageUrl, snippet.group(1), quoted, content, depth));
                }
            } else if (block.matches() && !block.group(2).isEmpty()) {
                out.add(unescape(line));
            } else if (block.matches() && closingMarker(lines, i) > i) {
                int end = closingMarker(lines, i);
                for (String path : lines.subList(i + 1, end)) {
                    String p = path.strip();
                    if (!p.isEmpty() && !p.startsWith(";")) {
                        out.add(snippet(pageUrl, block.group(1), p, content, depth));
                    }
                }
                i = end;
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    /**
     * The path of {@code "path"} or {@code 'path'} (a quote inside escaped with a backslash), with
     * nothing but spaces after it; null otherwise. Read by hand: a pattern with an alternation in a
     * repeated group recurses once per character and overflows the stack on a long line.
     */
    static String quotedPath(String rest) {
        if (rest.isEmpty() || rest.charAt(0) != '"' && rest.charAt(0) != '\'') {
            return null;
        }
        char quote = rest.charAt(0);
        int end = rest.length();
        while (end > 0 && isPatternSpace(rest.charAt(end - 1))) {
            end--;
        }
        if (end < 3 || rest.charAt(end - 1) != quote) {
            return null;
        }
        for (int i = 1; i < end - 1; i++) {
            if (rest.charAt(i) == quote && rest.charAt(i - 1) != '\\') {
                return null;
            }
        }
        return rest.substring(1, end - 1);
    }

    /** A line number as written; past any file's length when it has more digits than an int holds. */
    private static int lineNumber(String digits) {
        return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private static boolean isPatternSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** {@code {* ... *}}: checked first, so that the pattern never backtracks through a long line that cannot match. */
    private static boolean mayBeFastApiInclude(String line) {
        String s = line.strip();
        return s.startsWith("{*") && s.endsWith("*}");
    }

    private static int closingMarker(List<String> lines, int open) {
        for (int j = open + 1; j < lines.size(); j++) {
            if (SNIPPET_BLOCK.matcher(lines.get(j)).matches()) {
                return j;
            }
        }
        return -1;
    }

    private static String unescape(String line) {
        return line.replaceFirst(";", "");
    }

    private String fastApiInclude(String pageUrl, String indent, String path, String options) {
        IncludeResolver.Lookup found = find(pageUrl, path);
        if (!found.isFound()) {
            return indent + found.note(path);
        }
        String code = normalize(found.found().content());
        String info = CodeLanguages.forPath(path);
        Matcher option = FASTAPI_OPTION.matcher(options);
        while (option.find()) {
            if (option.group(1).equals("ln")) {
                code = selectLines(code, option.group(2), true);
            } else if (option.group(1).equals("title")) {
                info += " title=" + (option.group(2).startsWith("\"") ? option.group(2) : "\"" + option.group(2) + "\"");
            }
            // hl[...] only highlights lines: nothing to keep
        }
        return indent(indent, Fence.fenced(info, code));
    }

    private String snippet(String pageUrl, String indent, String spec, boolean insideFence, int depth) {
        String path = spec;
        Integer from = null;
        Integer to = null;
        Matcher range = LINE_RANGE.matcher(spec);
        if (range.matches() && !HttpUrls.isHttpScheme(range.group(1))) {
            path = range.group(1);
            from = range.group(2).isEmpty() ? null : lineNumber(range.group(2));
            to = range.group(3) == null || range.group(3).isEmpty() ? null : lineNumber(range.group(3));
        }
        IncludeResolver.Lookup found = find(pageUrl, path);
        if (!found.isFound()) {
            return indent + found.note(spec);
        }
        String content = normalize(found.found().content());
        if (from != null || to != null) {
            content = selectLines(content, (from == null ? "1" : from) + ":" + (to == null ? "" : to), false);
        }
        if (insideFence) {
            return indent(indent, content.stripTrailing());
        }
        if (CodeLanguages.isMarkdown(path)) {
            String nested = depth + 1 < MAX_DEPTH ? expand(found.found().url(), content, depth + 1) : content;
            return indent(indent, nested.stripTrailing());
        }
        return indent(indent, Fence.fenced(CodeLanguages.forPath(path), content));
    }

    /** The include's file, its text counted against the page's budget (a file included a thousand times counts a thousand times). */
    private IncludeResolver.Lookup find(String pageUrl, String path) {
        IncludeResolver.Lookup lookup = resolver.lookup(pageUrl, path);
        if (!lookup.isFound()) {
            problems.add(lookup.problem());
        } else {
            budget.spend(lookup.found().content().length());
        }
        return lookup;
    }

    private static String normalize(String content) {
        String s = content.replace("\r\n", "\n").replace('\r', '\n');
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static String indent(String indent, String text) {
        if (indent.isEmpty()) {
            return text;
        }
        return text.lines().map(l -> l.isEmpty() ? l : indent + l).collect(Collectors.joining("\n"));
    }

    /**
     * Keeps the listed 1-based line ranges ("3:6,8,10:11"; an open end runs to the last line)
     * and, when asked, marks each omitted stretch with a "..." line, as the FastAPI docs show them.
     */
    static String selectLines(String code, String ranges, boolean markGaps) {
        String[] lines = code.split("\n", -1);
        int total = code.endsWith("\n") ? lines.length - 1 : lines.length;
        boolean[] keep = new boolean[total + 1];
        for (String part : ranges.split(",")) {
            String r = part.strip();
            if (r.isEmpty()) {
                continue;
            }
            try {
                int colon = r.indexOf(':');
                int a = colon < 0 ? Integer.parseInt(r) : (colon == 0 ? 1 : Integer.parseInt(r.substring(0, colon).strip()));
                int b = colon < 0 ? a : (colon == r.length() - 1 ? total : Integer.parseInt(r.substring(colon + 1).strip()));
                for (int n = Math.max(1, a); n <= Math.min(total, b); n++) {
                    keep[n] = true;
                }
            } catch (NumberFormatException e) {
                return code; // not a range we understand: show the whole file rather than lose it
            }
        }
        StringBuilder out = new StringBuilder();
        boolean gap = false;
        for (int n = 1; n <= total; n++) {
            if (keep[n]) {
                if (gap && markGaps) {
                    out.append("...\n");
                    gap = false;
                }
                out.append(lines[n - 1]).append('\n');
            } else {
                gap = true;
            }
        }
        if (gap && markGaps && out.length() > 0) {
            out.append("...\n");
        }
        return out.length() == 0 ? code : out.toString();
    }
}
