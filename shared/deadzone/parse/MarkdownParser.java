package deadzone.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown (kind github-md) to sections: ATX and setext headings are boundaries, except inside
 * fenced code; heading attributes such as {@code { #anchor }} are removed; YAML/TOML front matter
 * and whole-line HTML comments are dropped; everything else is kept as written, including
 * fenced code. Code includes are expanded first when an {@link IncludeSource} is given.
 */
public final class MarkdownParser {
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    /** Lines that cannot be the text of a setext heading: a "---" under them is a rule or a table part. */
    private static final Pattern NOT_A_PARAGRAPH = Pattern.compile("^\\s*(?:[-*+](?:[ \\t]|$)|\\d{1,9}[.)](?:[ \\t]|$)|[>|<]|///)");

    private MarkdownParser() {
    }

    /** {@link #parse(String, String, IncludeSource, IncludeBase)} for a page of no ref. */
    public static ParsedDocument parse(String url, String text, IncludeSource includes) {
        return parse(url, text, includes, IncludeBase.of(url, null));
    }

    /** The page's sections; its includes are read from {@code includes}, under {@code base} only. */
    public static ParsedDocument parse(String url, String text, IncludeSource includes, IncludeBase base) {
        List<String> problems = new ArrayList<>();
        OutputBudget budget = new OutputBudget(text.length());
        String body = dropFrontMatter(normalize(text));
        if (includes != null) {
            body = new MarkdownIncludes(includes, base, budget, problems).expand(url, body);
        }
        return new ParsedDocument(split(url, body, budget), problems);
    }

    static String normalize(String text) {
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Front matter is metadata for the site generator, not documentation. */
    static String dropFrontMatter(String text) {
        for (String fence : List.of("---", "+++")) {
            if (text.startsWith(fence + "\n")) {
                String[] lines = text.split("\n", -1);
                for (int i = 1; i < lines.length; i++) {
                    String l = lines[i].stripTrailing();
                    if (l.equals(fence) || fence.equals("---") && l.equals("...")) {
                        return String.join("\n", List.of(lines).subList(i + 1, lines.length));
                    }
                }
            }
        }
        return text;
    }

    private static List<Section> split(String url, String text, OutputBudget budget) {
        SectionCollector sections = new SectionCollector(url, budget);
        FenceTracker fences = new FenceTracker();
        List<String> paragraph = new ArrayList<>();
        boolean inComment = false;
        for (String line : text.split("\n", -1)) {
            if (!inComment && fences.feed(line)) {
                flush(paragraph, sections);
                sections.line(line);
                continue;
            }
            if (inComment) {
                int end = line.indexOf("-->");
                if (end < 0) {
                    continue;
                }
                inComment = false;
                line = line.substring(end + 3);
                if (line.isBlank()) {
                    continue;
                }
            }
            String stripped = line.strip();
            if (stripped.startsWith("<!--")) {
                int end = stripped.indexOf("-->", 4);
                if (end < 0) {
                    inComment = true;
                    continue;
                }
                String rest = stripped.substring(end + 3);
                if (rest.isBlank()) {
                    continue;
                }
                line = rest;
            }
            AtxHeading atx = AtxHeading.of(line);
            if (atx != null && atx.text() != null) {
                String title = headingText(atx.text());
                if (!title.isEmpty()) {
                    flush(paragraph, sections);
                    sections.heading(atx.level(), title);
                    continue;
                }
            }
            Matcher setext = SETEXT.matcher(line);
            if (setext.matches() && !paragraph.isEmpty() && !NOT_A_PARAGRAPH.matcher(paragraph.get(0)).lookingAt()) {
                String title = headingText(String.join(" ", paragraph.stream().map(String::strip).toList()));
                paragraph.clear();
                sections.heading(setext.group(1).charAt(0) == '=' ? 1 : 2, title);
                continue;
            }
            if (line.isBlank()) {
                flush(paragraph, sections);
                sections.line("");
            } else {
                paragraph.add(line);
            }
        }
        flush(paragraph, sections);
        return sections.finish();
    }

    private static void flush(List<String> paragraph, SectionCollector sections) {
        paragraph.forEach(sections::line);
        paragraph.clear();
    }

    /** The heading's words: without closing #s or an attribute list. */
    static String headingText(String raw) {
        return AtxHeading.withoutAttributes(AtxHeading.withoutClosingHashes(raw)).strip();
    }
}
