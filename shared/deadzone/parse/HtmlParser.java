//DEPS org.jsoup:jsoup:1.22.1
package deadzone.parse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.List;
import java.util.Locale;

/**
 * HTML documentation pages (kinds html and scrape-via-agent) to sections, with jsoup: only the
 * main content is kept (the first of main, article, [role=main], Asciidoctor's #content, Sphinx's
 * .body or div.document, else body), without navigation, headers, footers, scripts, styles and
 * tables of contents; h1-h6 are section boundaries; the rest becomes markdown by {@link HtmlToMarkdown}.
 */
public final class HtmlParser {
    private static final List<String> MAIN_CANDIDATES = List.of(
        "main", "article", "[role=main]", "#content", "div.body", "div.document");
    private static final String BOILERPLATE = String.join(", ",
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button",
        "#toc", ".toc", "#toctitle", "nav.toc", "[role=navigation]", "[role=banner]", "[role=contentinfo]",
        "a.headerlink", "a.anchor:empty", ".sphinxsidebar", ".related", "#header", "#footer");

    private HtmlParser() {
    }

    public static ParsedDocument parse(String url, String html) {
        Document doc = Jsoup.parse(html, url);
        Element main = mainContent(doc);
        // The page title sits outside the main content on Asciidoctor and many other sites: it
        // becomes the top of every heading path when the main content has no h1 of its own.
        String pageTitle = main.selectFirst("h1") == null ? pageTitle(doc) : "";
        main.select(BOILERPLATE).remove();

        SectionCollector sections = new SectionCollector(url);
        if (!pageTitle.isEmpty()) {
            sections.heading(1, pageTitle);
        }
        new HtmlToMarkdown(sections).render(main);
        return new ParsedDocument(sections.finish(), List.of());
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
