package deadzone.parse;

import deadzone.artifact.Kind;

import java.util.Locale;

/**
 * One entry point for every kind: a fetched document (its url and text) to its sections.
 * {@code includes} resolves markdown code includes and rst include directives; pass one
 * {@link IncludeSource#cached} source for the whole run so each included file is fetched once,
 * or null to leave includes as written. Includes are read only under the page's {@link IncludeBase}.
 */
public final class Parsers {
    private Parsers() {
    }

    /** A page of an entry without a ref: its includes stay on its host. */
    public static ParsedDocument parse(Kind kind, String url, String text, IncludeSource includes) {
        return parse(kind, url, text, includes, IncludeBase.of(url, null));
    }

    /** A page whose includes are read under {@code base} only (its ref's root: {@link IncludeBase#of}). */
    public static ParsedDocument parse(Kind kind, String url, String text, IncludeSource includes, IncludeBase base) {
        return switch (kind) {
            case GITHUB_MD -> MarkdownParser.parse(url, text, includes, base);
            case GITHUB_RST -> RstParser.parse(url, text, includes, base);
            // scrape-via-agent is extracted like html, without an LLM; a page that turns out to be
            // markdown (llms.txt, raw .md links) is parsed as markdown rather than as one paragraph
            case HTML, SCRAPE_VIA_AGENT -> HtmlParser.looksLikeHtml(text) || !looksLikeMarkdown(url)
                ? HtmlParser.parse(url, text)
                : MarkdownParser.parse(url, text, includes, base);
            // A Go package is many files read together (deadzone.godoc), never one page's text.
            case GODOC -> throw new IllegalArgumentException("a godoc url is read as a whole Go package, not as one page: " + url);
        };
    }

    private static boolean looksLikeMarkdown(String url) {
        String path = url.replaceFirst("[?#].*$", "").toLowerCase(Locale.ROOT);
        return path.endsWith(".md") || path.endsWith(".markdown") || path.endsWith(".txt") || path.endsWith(".mdx");
    }
}
