package deadzone.parse;

import deadzone.artifact.Kind;

import java.util.Locale;

/**
 * One entry point for every kind: a fetched document (its url and text) to its sections.
 * {@code includes} resolves markdown code includes and rst include directives; pass one
 * {@link IncludeSource#cached} source for the whole run so each included file is fetched once,
 * or null to leave includes as written.
 */
public final class Parsers {
    private Parsers() {
    }

    public static ParsedDocument parse(Kind kind, String url, String text, IncludeSource includes) {
        return switch (kind) {
            case GITHUB_MD -> MarkdownParser.parse(url, text, includes);
            case GITHUB_RST -> RstParser.parse(url, text, includes);
            // scrape-via-agent is extracted like html, without an LLM; a page that turns out to be
            // markdown (llms.txt, raw .md links) is parsed as markdown rather than as one paragraph
            case HTML, SCRAPE_VIA_AGENT -> HtmlParser.looksLikeHtml(text) || !looksLikeMarkdown(url)
                ? HtmlParser.parse(url, text)
                : MarkdownParser.parse(url, text, includes);
            // A Go package is many files read together (deadzone.godoc), never one page's text.
            case GODOC -> throw new IllegalArgumentException("a godoc url is read as a whole Go package, not as one page: " + url);
        };
    }

    private static boolean looksLikeMarkdown(String url) {
        String path = url.replaceFirst("[?#].*$", "").toLowerCase(Locale.ROOT);
        return path.endsWith(".md") || path.endsWith(".markdown") || path.endsWith(".txt") || path.endsWith(".mdx");
    }
}
