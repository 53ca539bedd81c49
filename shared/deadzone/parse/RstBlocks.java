package deadzone.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of one reStructuredText section to markdown. Code directives and {@code ::} literal
 * blocks become fenced code; admonitions, version notes and tabs become a bold label followed by
 * their text; API directives (autoclass, function...) keep their signature line; comments,
 * targets, toctrees and layout-only directives are dropped. Directive bodies are converted the
 * same way, so code inside a note or a tab stays code.
 */
final class RstBlocks {
    private static final Pattern DIRECTIVE = Pattern.compile("^\\.\\.\\s+([A-Za-z][\\w:.+-]*)::(?:\\s+(.*))?$");
    private static final Pattern OPTION = Pattern.compile("^:([\\w-]+):(?:\\s+(.*))?$");
    private static final Pattern FOOTNOTE = Pattern.compile("^\\.\\.\\s+\\[[^\\]]+]\\s.*");
    private static final Pattern METADATA_FIELD = Pattern.compile("^:(orphan|nocomments|nosearch|tocdepth):.*$");

    private static final Set<String> CODE = Set.of("code-block", "sourcecode", "code", "code-cell", "ipython", "doctest", "testcode", "testoutput", "parsed-literal", "math");
    private static final Set<String> DROPPED = Set.of("toctree", "contents", "index", "rst-class", "raw", "meta",
        "default-role", "role", "tabularcolumns", "image", "highlight", "sectnum", "header", "footer",
        "title", "include-only", "spelling:word-list", "autosummary");
    private static final Set<String> SIGNATURES = Set.of("module", "currentmodule", "function", "class", "method",
        "attribute", "data", "exception", "decorator", "decoratormethod", "classmethod", "staticmethod",
        "property", "type", "option", "envvar", "describe", "object", "program", "member", "macro", "var",
        "struct", "enum", "setting", "confval", "cmdoption");
    private static final Set<String> ADMONITIONS = Set.of("note", "warning", "tip", "important", "caution",
        "danger", "attention", "hint", "error", "seealso", "todo");
    private static final Set<String> TITLED = Set.of("admonition", "topic", "sidebar", "rubric", "tab",
        "group-tab", "card", "dropdown");

    private final String pageUrl;
    private final IncludeResolver includes;
    private final OutputBudget budget;
    private final List<String> problems;
    private String language = "";

    RstBlocks(String pageUrl, IncludeResolver includes, OutputBudget budget, List<String> problems) {
        this.pageUrl = pageUrl;
        this.includes = includes;
        this.budget = budget;
        this.problems = problems;
    }

    String convert(List<String> lines) {
        List<String> out = new ArrayList<>();
        render(lines, out);
        StringBuilder text = new StringBuilder();
        boolean previousBlank = true;
        boolean inFence = false;
        FenceTracker fences = new FenceTracker();
        for (String line : out.stream().flatMap(l -> Arrays.stream(l.split("\n", -1))).toList()) {
            inFence = fences.feed(line) && fences.inside();
            if (line.isBlank() && previousBlank && !inFence) {
                continue; // one blank line between blocks is enough
            }
            text.append(line).append('\n');
            previousBlank = line.isBlank();
        }
        return BlankLines.trim(text.toString());
    }

    private void render(List<String> lines, List<String> out) {
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                out.add("");
                i++;
                continue;
            }
            int indent = indent(line);
            String t = line.strip();
            if (t.equals("..") || t.startsWith(".. ")) {
                int end = blockEnd(lines, i + 1, indent);
                Matcher directive = DIRECTIVE.matcher(t);
                if (directive.matches()) {
                    directive(directive.group(1), directive.group(2) == null ? "" : directive.group(2).strip(),
                        lines.subList(i + 1, end), out);
                } else if (FOOTNOTE.matcher(t).matches()) {
                    out.add(RstInline.convert(t.substring(3)));
                    lines.subList(i + 1, end).forEach(l -> out.add(RstInline.convert(l.strip())));
                }
                // otherwise a comment, a target (.. _label:) or a substitution definition: not documentation
                i = end;
                continue;
            }
            if (indent == 0 && RstParser.isAdornment(t) && t.length() >= 4) {
                i++; // a transition
                continue;
            }
            int j = i;
            while (j < lines.size() && !lines.get(j).isBlank()) {
                j++;
            }
            List<String> paragraph = lines.subList(i, j);
            if (paragraph.stream().allMatch(l -> METADATA_FIELD.matcher(l.strip()).matches())) {
                i = j;
                continue;
            }
            String last = paragraph.get(paragraph.size() - 1);
            if (last.stripTrailing().endsWith("::")) {
                int literalIndent = indent(last);
                int k = j;
                while (k < lines.size() && lines.get(k).isBlank()) {
                    k++;
                }
                List<String> lead = new ArrayList<>(lines.subList(i, j - 1));
                String marker = expandedLiteralMarker(last);
                if (!marker.isBlank()) {
                    lead.add(marker);
                }
                if (!lead.isEmpty()) {
                    out.add(RstInline.convert(String.join("\n", lead)));
                }
                if (k < lines.size() && indent(lines.get(k)) > literalIndent) {
                    int end = blockEnd(lines, k, literalIndent);
                    out.add("");
                    out.add(Fence.fenced(language, String.join("\n", dedent(lines.subList(k, end)))));
                    out.add("");
                    i = end;
                } else {
                    i = j;
                }
                continue;
            }
            // inline markup may span lines (a role's text often does), so a paragraph is converted whole
            out.add(RstInline.convert(String.join("\n", paragraph)));
            i = j;
        }
    }

    /** "Paragraph::" reads "Paragraph:", "Paragraph ::" reads "Paragraph", a lone "::" nothing. */
    private static String expandedLiteralMarker(String line) {
        String s = line.stripTrailing();
        String before = s.substring(0, s.length() - 2);
        if (before.isBlank()) {
            return "";
        }
        return Character.isWhitespace(before.charAt(before.length() - 1)) ? before.stripTrailing() : before + ":";
    }

    private void directive(String fullName, String argument, List<String> body, List<String> out) {
        String name = fullName.toLowerCase(Locale.ROOT);
        String kind = name.substring(name.lastIndexOf(':') + 1); // py:function -> function
        Body parts = Body.of(body);
        if (CODE.contains(kind) || kind.equals("code-tab")) {
            String lang = kind.equals("math") ? "math" : argument.isEmpty() ? language : argument.split("\\s+")[0];
            parts.option("caption").ifPresent(c -> out.add(RstInline.convert(c)));
            if (!parts.content().isEmpty()) {
                out.add("");
                out.add(Fence.fenced(lang, String.join("\n", parts.content())));
                out.add("");
            }
        } else if (kind.equals("highlight")) {
            language = argument.split("\\s+")[0];
        } else if (kind.equals("literalinclude") || kind.equals("include")) {
            include(kind, argument, parts, out);
        } else if (DROPPED.contains(kind)) {
            return;
        } else if (kind.startsWith("auto") || SIGNATURES.contains(kind)) {
            String what = kind.startsWith("auto") ? kind.substring(4) : kind.equals("currentmodule") ? "module" : kind;
            out.add("");
            out.add(what + " `" + argument + "`");
            out.add("");
            render(parts.content(), out);
        } else if (ADMONITIONS.contains(kind) || kind.startsWith("version") || kind.equals("deprecated")) {
            out.add("");
            out.add(label(kind, argument));
            render(parts.content(), out);
        } else if (TITLED.contains(kind)) {
            out.add("");
            if (!argument.isEmpty()) {
                out.add("**" + RstInline.convert(argument) + "**");
                out.add("");
            }
            render(parts.content(), out);
        } else {
            // tabs, container, only, figure, tables and directives we do not know: keep their text
            out.add("");
            if (!argument.isEmpty() && !kind.equals("figure")) {
                out.add(RstInline.convert(argument));
            }
            render(parts.content(), out);
        }
    }

    private static String label(String kind, String argument) {
        String arg = RstInline.convert(argument);
        return switch (kind) {
            case "versionadded" -> "*New in version " + arg + ".*";
            case "versionchanged" -> "*Changed in version " + arg + ".*";
            case "versionremoved" -> "*Removed in version " + arg + ".*";
            case "deprecated" -> "*Deprecated since version " + arg + ".*";
            case "seealso" -> "**See also:**" + (arg.isEmpty() ? "" : " " + arg);
            default -> {
                String title = kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1);
                yield "**" + title + ":**" + (arg.isEmpty() ? "" : " " + arg);
            }
        };
    }

    private void include(String kind, String path, Body parts, List<String> out) {
        IncludeResolver.Lookup found = includes == null
            ? new IncludeResolver.Lookup(null, "include not found", null) : includes.lookup(pageUrl, path);
        if (!found.isFound()) {
            if (found.problem() != null) {
                problems.add(found.problem());
            }
            out.add("");
            out.add(found.note(path));
            out.add("");
            return;
        }
        budget.spend(found.found().content().length());
        String content = MarkdownParser.normalize(found.found().content());
        if (kind.equals("include")) {
            render(List.of(content.split("\n", -1)), out);
            return;
        }
        String lang = parts.option("language").orElse(CodeLanguages.forPath(path));
        out.add("");
        out.add(Fence.fenced(lang, content));
        out.add("");
    }

    /** A directive's body: its leading :option: lines, then its content, dedented. */
    private record Body(List<String> options, List<String> content) {
        static Body of(List<String> body) {
            List<String> dedented = dedent(body);
            int i = 0;
            List<String> options = new ArrayList<>();
            while (i < dedented.size() && OPTION.matcher(dedented.get(i).strip()).matches()) {
                options.add(dedented.get(i).strip());
                i++;
            }
            return new Body(options, dedent(dedented.subList(i, dedented.size())));
        }

        Optional<String> option(String name) {
            for (String o : options) {
                Matcher m = OPTION.matcher(o);
                if (m.matches() && m.group(1).equals(name) && m.group(2) != null) {
                    return Optional.of(m.group(2).strip());
                }
            }
            return Optional.empty();
        }
    }

    static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** The end of the block that starts at {@code from}: the next non-blank line indented no deeper than {@code indent}. */
    static int blockEnd(List<String> lines, int from, int indent) {
        int end = from;
        int lastContent = from;
        while (end < lines.size()) {
            String l = lines.get(end);
            if (!l.isBlank()) {
                if (indent(l) <= indent) {
                    break;
                }
                lastContent = end + 1;
            }
            end++;
        }
        return Math.max(from, lastContent);
    }

    static List<String> dedent(List<String> lines) {
        int min = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                min = Math.min(min, indent(l));
            }
        }
        if (min == Integer.MAX_VALUE) {
            return List.of();
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.add(l.isBlank() ? "" : l.substring(min));
        }
        int start = 0;
        int end = out.size();
        while (start < end && out.get(start).isEmpty()) {
            start++;
        }
        while (end > start && out.get(end - 1).isEmpty()) {
            end--;
        }
        return out.subList(start, end);
    }
}
