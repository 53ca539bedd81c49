package deadzone.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * reStructuredText (kind github-rst) to sections. Section titles are found by their adornment
 * (an underline, or an overline and underline, of one punctuation character); as in docutils,
 * each new adornment style is one level deeper than the styles seen before it. Bodies are
 * converted by {@link RstBlocks}; top-level {@code .. include::} files are inserted first, so the
 * sections they hold become sections of the page.
 */
public final class RstParser {
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final Pattern TOP_INCLUDE = Pattern.compile("^\\.\\.\\s+include::\\s+(\\S+)\\s*$");
    private static final int MAX_INCLUDE_DEPTH = 3;

    private RstParser() {
    }

    /** {@link #parse(String, String, IncludeSource, IncludeBase)} for a page of no ref. */
    public static ParsedDocument parse(String url, String text, IncludeSource includes) {
        return parse(url, text, includes, IncludeBase.of(url, null));
    }

    /** The page's sections; its includes are read from {@code includes}, under {@code base} only. */
    public static ParsedDocument parse(String url, String text, IncludeSource includes, IncludeBase base) {
        List<String> problems = new ArrayList<>();
        OutputBudget budget = new OutputBudget(text.length());
        IncludeResolver resolver = includes == null ? null : new IncludeResolver(includes, base);
        List<String> lines = new ArrayList<>(List.of(expandTabs(MarkdownParser.normalize(text)).split("\n", -1)));
        if (resolver != null) {
            lines = insertIncludes(url, lines, resolver, budget, problems, 0);
        }
        RstBlocks blocks = new RstBlocks(url, resolver, budget, problems);
        SectionCollector sections = new SectionCollector(url, budget);
        Map<String, Integer> levels = new HashMap<>();
        List<String> body = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            Title title = titleAt(lines, i);
            if (title == null) {
                body.add(lines.get(i));
                i++;
                continue;
            }
            sections.block(blocks.convert(body));
            body.clear();
            int level = levels.computeIfAbsent(title.style(), s -> levels.size() + 1);
            sections.heading(level, RstInline.convert(title.text()));
            i += title.lines();
        }
        sections.block(blocks.convert(body));
        return new ParsedDocument(sections.finish(), problems);
    }

    private record Title(String text, String style, int lines) {
    }

    /** The section title that starts at line i, if one does. */
    private static Title titleAt(List<String> lines, int i) {
        if (i > 0 && !lines.get(i - 1).isBlank()) {
            return null; // a title is a paragraph of its own
        }
        String first = lines.get(i).stripTrailing();
        if (i + 2 < lines.size() && isAdornment(first)) {
            String text = lines.get(i + 1);
            String under = lines.get(i + 2).stripTrailing();
            if (!text.isBlank() && !isAdornment(text.strip()) && under.equals(first)
                && text.strip().length() <= first.length()) {
                return new Title(text.strip(), "over" + first.charAt(0), 3);
            }
        }
        if (i + 1 < lines.size() && !first.isEmpty() && !Character.isWhitespace(first.charAt(0)) && !isAdornment(first)) {
            String under = lines.get(i + 1).stripTrailing();
            // docutils treats an underline shorter than its title as text when it is shorter than 4
            if (isAdornment(under) && (under.length() >= first.length() || under.length() >= 4)
                && (i + 2 >= lines.size() || lines.get(i + 2).isBlank() || !isAdornment(lines.get(i + 2).strip()))) {
                return new Title(first.strip(), "under" + under.charAt(0), 2);
            }
        }
        return null;
    }

    /** A line of one repeated punctuation character, starting in the first column. */
    static boolean isAdornment(String line) {
        if (line.length() < 2 || PUNCTUATION.indexOf(line.charAt(0)) < 0) {
            return false;
        }
        char c = line.charAt(0);
        for (int k = 1; k < line.length(); k++) {
            if (line.charAt(k) != c) {
                return false;
            }
        }
        return true;
    }

    /** docutils expands tabs to 8-column stops before anything else. */
    private static String expandTabs(String text) {
        if (text.indexOf('\t') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        int column = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '\t') {
                int spaces = 8 - column % 8;
                out.append(" ".repeat(spaces));
                column += spaces;
            } else {
                out.append(c);
                column = c == '\n' ? 0 : column + 1;
            }
        }
        return out.toString();
    }

    private static List<String> insertIncludes(String url, List<String> lines, IncludeResolver resolver,
                                               OutputBudget budget, List<String> problems, int depth) {
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TOP_INCLUDE.matcher(lines.get(i));
            if (!m.matches() || depth >= MAX_INCLUDE_DEPTH) {
                out.add(lines.get(i));
                continue;
            }
            int end = RstBlocks.blockEnd(lines, i + 1, 0); // its options, if any
            String path = m.group(1);
            IncludeResolver.Lookup found = resolver.lookup(url, path);
            if (found.isFound()) {
                budget.spend(found.found().content().length());
                List<String> included = List.of(expandTabs(MarkdownParser.normalize(found.found().content())).split("\n", -1));
                out.add("");
                out.addAll(insertIncludes(found.found().url(), included, resolver, budget, problems, depth + 1));
                out.add("");
            } else {
                problems.add(found.problem());
                out.add("");
                out.add(found.note(path));
                out.add("");
            }
            i = end - 1;
        }
        return out;
    }
}
