//DEPS org.jsoup:jsoup:1.22.1
package deadzone.parse;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Walks the main content of an HTML page in document order: headings go to the sink as
 * boundaries, everything else as markdown blocks. {@code <pre>} becomes fenced code in the
 * language its classes or data-lang name; lists become markdown lists; tables become one line
 * per row, except layout tables (Asciidoctor admonitions) whose cells hold blocks; links keep
 * their text; inline code stays code.
 */
final class HtmlToMarkdown {
    /** Where rendered content goes: the document's sections, or the inside of a list item or quote. */
    interface Sink {
        void heading(int level, String title);

        void block(String markdown);
    }

    private static final Set<String> INLINE = Set.of("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data",
        "del", "dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
        "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "big", "strike", "nobr");
    private static final Set<String> CODE = Set.of("code", "kbd", "samp", "tt");
    private static final Evaluator BLOCKS_INSIDE = QueryParser.parse(
        "pre, div, p, table, ul, ol, dl, blockquote, h1, h2, h3, h4, h5, h6, section, figure");
    private static final Evaluator CELL_BLOCKS = QueryParser.parse("pre, div, ul, ol, table, dl, blockquote");
    private static final Evaluator PARAGRAPH = QueryParser.parse("p");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0]+");
    private static final Set<String> SKIPPED = Set.of("img", "svg", "hr", "iframe", "video", "audio", "canvas",
        "picture", "source", "map", "object", "embed", "input", "select", "textarea", "head", "link", "meta", "colgroup");

    private final Sink sink;
    private final OutputBudget budget;
    private final StringBuilder inline = new StringBuilder();

    HtmlToMarkdown(Sink sink, OutputBudget budget) {
        this.sink = sink;
        this.budget = budget;
    }

    HtmlToMarkdown(SectionCollector sections, OutputBudget budget) {
        this(new Sink() {
            @Override
            public void heading(int level, String title) {
                sections.heading(level, title);
            }

            @Override
            public void block(String markdown) {
                sections.block(markdown);
            }
        }, budget);
    }

    void render(Element root) {
        children(root);
        flush();
    }

    private void children(Element element) {
        for (Node child : element.childNodes()) {
            node(child);
        }
    }

    private void node(Node node) {
        if (node instanceof TextNode text) {
            inline.append(text.text());
            return;
        }
        if (!(node instanceof Element e)) {
            return; // comments, doctype
        }
        String tag = e.normalName();
        if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
            flush();
            String title = e.text().strip();
            if (title.isEmpty()) {
                return;
            }
            sink.heading(tag.charAt(1) - '0', title);
        } else if (tag.equals("pre")) {
            flush();
            // Rouge with line numbers nests a table in the pre: the code cell without the gutter
            Element code = e.selectFirst("td.code");
            sink.block(Fence.fenced(language(e), (code != null ? code : e).wholeText()));
        } else if (tag.equals("ul") || tag.equals("ol")) {
            flush();
            sink.block(list(e, tag.equals("ol")));
        } else if (tag.equals("table")) {
            flush();
            table(e);
        } else if (tag.equals("blockquote")) {
            flush();
            List<String> blocks = renderInside(e);
            sink.block(String.join("\n\n", blocks).lines().map(l -> l.isEmpty() ? ">" : "> " + l)
                .collect(Collectors.joining("\n")));
        } else if (tag.equals("br")) {
            inline.append('\n');
        } else if (SKIPPED.contains(tag)) {
            return;
        } else if (INLINE.contains(tag) && e.selectFirst(BLOCKS_INSIDE) == null) {
            if (CODE.contains(tag)) {
                String code = e.text();
                if (!code.isBlank()) {
                    inline.append(code.contains("`") ? "`` " + code + " ``" : "`" + code + "`");
                }
            } else {
                children(e);
            }
        } else {
            // p, div, section, dt, dd, li outside a list and every other container
            flush();
            children(e);
            flush();
        }
    }

    /** The pending inline text as one paragraph: whitespace collapsed, line breaks from br kept. */
    private void flush() {
        if (inline.length() == 0) {
            return;
        }
        String paragraph = inline.toString().lines()
            .map(l -> SPACES.matcher(l).replaceAll(" ").strip())
            .filter(l -> !l.isEmpty())
            .collect(Collectors.joining("\n"));
        inline.setLength(0);
        if (!paragraph.isEmpty()) {
            sink.block(paragraph);
        }
    }

    private static String language(Element pre) {
        for (Element e : List.of(pre, pre.selectFirst("code") == null ? pre : pre.selectFirst("code"))) {
            String dataLang = e.attr("data-lang");
            if (!dataLang.isBlank()) {
                return dataLang.strip();
            }
            for (String c : e.classNames()) {
                if (c.startsWith("language-") || c.startsWith("lang-")) {
                    return c.substring(c.indexOf('-') + 1);
                }
            }
        }
        Element ancestor = pre.parent();
        for (int up = 0; up < 3 && ancestor != null; up++, ancestor = ancestor.parent()) {
            for (String c : ancestor.classNames()) {
                if (c.startsWith("highlight-") && !c.equals("highlight-default")) {
                    return c.substring("highlight-".length()); // Sphinx: div.highlight-python > div.highlight > pre
                }
            }
        }
        return "";
    }

    private String list(Element list, boolean ordered) {
        StringBuilder out = new StringBuilder();
        int number = 1;
        if (ordered && list.hasAttr("start")) {
            try {
                number = Integer.parseInt(list.attr("start").strip());
            } catch (NumberFormatException e) {
                number = 1;
            }
        }
        for (Element item : list.children()) {
            List<String> blocks = renderInside(item);
            if (blocks.isEmpty()) {
                continue;
            }
            String marker = ordered ? number++ + ". " : "- ";
            String pad = " ".repeat(marker.length());
            String[] lines = String.join("\n", blocks).split("\n", -1);
            out.append(marker).append(lines[0]).append('\n');
            for (int k = 1; k < lines.length; k++) {
                out.append(lines[k].isEmpty() ? "" : pad + lines[k]).append('\n');
            }
        }
        return out.toString();
    }

    /** Asciidoctor lays out admonitions and callout lists as tables: cells holding blocks are rendered as blocks. */
    private void table(Element table) {
        Element caption = table.selectFirst("caption");
        if (caption != null && caption.closest("table") == table) {
            sink.block(caption.text());
        }
        StringBuilder rows = new StringBuilder();
        for (Element row : table.select("tr")) {
            if (row.closest("table") != table) {
                continue; // a nested table's row: rendered with its own table
            }
            List<Element> cells = row.children().stream()
                .filter(c -> c.normalName().equals("td") || c.normalName().equals("th")).toList();
            boolean layout = cells.stream().anyMatch(HtmlToMarkdown::holdsBlocks);
            if (!layout) {
                List<String> texts = new ArrayList<>();
                for (Element cell : cells) {
                    String t = cellText(cell);
                    if (!t.isEmpty()) {
                        texts.add(t);
                    }
                }
                if (!texts.isEmpty()) {
                    rows.append(String.join(" | ", texts)).append('\n');
                }
                continue;
            }
            if (rows.length() > 0) {
                sink.block(rows.toString());
                rows.setLength(0);
            }
            for (Element cell : cells) {
                if (cell.hasClass("linenos") || cell.hasClass("gutter")) {
                    continue; // line numbers of a code table (Sphinx, Rouge)
                }
                if (cell.text().isBlank() && !holdsBlocks(cell)) {
                    String label = cellText(cell);
                    if (!label.isEmpty()) {
                        sink.block("**" + label + "**");
                    }
                    continue;
                }
                new HtmlToMarkdown(sink, budget).render(cell);
            }
        }
        if (rows.length() > 0) {
            sink.block(rows.toString());
        }
    }

    /** A cell's words; an icon cell has none, but its title says what it is ("Note"). */
    private static String cellText(Element cell) {
        String text = cell.text().strip();
        if (text.isEmpty()) {
            Element titled = cell.selectFirst("[title]");
            if (titled != null && !titled.attr("title").isBlank()) {
                return titled.attr("title").strip() + ":";
            }
        }
        return text;
    }

    private static boolean holdsBlocks(Element cell) {
        return cell.selectFirst(CELL_BLOCKS) != null || cell.select(PARAGRAPH).size() > 1;
    }

    /**
     * The blocks inside a list item or quote, headings included as bold lines. They are counted
     * against the page's budget here and again at each level up, which bounds the re-indenting
     * work that deep nesting costs.
     */
    private List<String> renderInside(Element element) {
        List<String> blocks = new ArrayList<>();
        new HtmlToMarkdown(new Sink() {
            @Override
            public void heading(int level, String title) {
                budget.spend(title.length() + 4);
                blocks.add("**" + title + "**");
            }

            @Override
            public void block(String markdown) {
                budget.spend(markdown.length());
                blocks.add(markdown.stripTrailing());
            }
        }, budget).render(element);
        return blocks;
    }
}
