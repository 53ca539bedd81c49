//DEPS org.jsoup:jsoup:1.22.1
package deadzone.parse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;

import java.util.List;
import java.util.Locale;

/**
 * HTML documentation pages (kinds html and scrape-via-agent) to sections, with jsoup: only the
 * main content is kept (the first of main, article, [role=main], Asciidoctor's #content, Sphinx's
 * .body or div.document, else body), without navigation, headers, footers, scripts, styles and
 * tables of contents; h1-h6 are section boundaries; the rest becomes markdown by {@link HtmlToMarkdown}.
 */
public final class HtmlParser {
    /** Seven times the deepest documentation page measured (18); jsoup builds the tree in time proportional to this bound. */
    public static final int MAX_DEPTH = 128;
    private static final List<String> MAIN_CANDIDATES = List.of(
        "main", "article", "[role=main]", "#content", "div.body", "div.document");
    private static final String BOILERPLATE = String.join(", ",
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button",
        "#toc", ".toc", "#toctitle", "nav.toc", "[role=navigation]", "[role=banner]", "[role=contentinfo]",
        "a.headerlink", "a.anchor:empty", ".sphinxsidebar", ".related", "#header", "#footer");

    private HtmlParser() {
    }

    /** The page's sections; {@link ParseLimitExceeded} when it is nested deeper than {@link #MAX_DEPTH} or expands too much. */
    public static ParsedDocument parse(String url, String html) {
        OutputBudget budget = new OutputBudget(html.length());
        // jsoup stops nesting at its parser's depth; one level over ours is enough to see a page is too deep,
        // and keeps the tree builder's scans of its open elements short on such a page.
        Document doc = Jsoup.parse(html, url, Parser.htmlParser().setMaxDepth(MAX_DEPTH + 1));
        checkDepth(doc);
        Element main = mainContent(doc);
        // The page title sits outside the main content on Asciidoctor and many other sites: it
        // becomes the top of every heading path when the main content has no h1 of its own.
        String pageTitle = main.selectFirst("h1") == null ? pageTitle(doc) : "";
        main.select(BOILERPLATE).remove();

        SectionCollector sections = new SectionCollector(url, budget);
        if (!pageTitle.isEmpty()) {
            sections.heading(1, pageTitle);
        }
        new HtmlToMarkdown(sections, budget).render(main);
        return new ParsedDocument(sections.finish(), List.of());
    }

    /**
     * Nesting is what makes rendering cost more than the page's length (each quote or list level
     * re-indents what it holds): a hostile page of 10,000 nested quotes is refused here, in one pass.
     */
    private static void checkDepth(Document doc) {
        int[] deepest = {0};
        NodeTraversor.traverse((node, depth) -> deepest[0] = Math.max(deepest[0], depth), doc);
        if (deepest[0] > MAX_DEPTH) {
            throw new ParseLimitExceeded("its HTML is nested more than " + MAX_DEPTH + " elements deep");
        }
    }

    private static Element mainContent(Document doc) {
        for (String selector : MAIN_CANDIDATES) {
            Element found = doc.selectFirst(selector);
            if (found != null && !found.text().isBlank()) {
                return found;
            }
        }
        return doc.body();
    }

    private static String pageTitle(Document doc) {
        Element h1 = doc.selectFirst("h1");
        if (h1 != null && !h1.text().isBlank()) {
            h1.select("a.headerlink, a.anchor").remove();
            return h1.text().strip();
        }
        return doc.title().strip();
    }

    /** Whether a fetched body is an HTML page rather than markdown or plain text. */
    public static boolean looksLikeHtml(String text) {
        String head = text.substring(0, Math.min(text.length(), 1024)).stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
            || head.startsWith("<body") || head.startsWith("<?xml") && head.contains("<html");
    }
}
