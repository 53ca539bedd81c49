//SOURCES ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/parse/AtxHeading.java ../shared/deadzone/parse/BlankLines.java
//SOURCES ../shared/deadzone/parse/CachingIncludeSource.java ../shared/deadzone/parse/CodeLanguages.java
//SOURCES ../shared/deadzone/parse/DocumentNames.java ../shared/deadzone/parse/Fence.java
//SOURCES ../shared/deadzone/parse/FenceTracker.java ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/parse/HtmlParser.java ../shared/deadzone/parse/HtmlToMarkdown.java
//SOURCES ../shared/deadzone/parse/IncludeBase.java ../shared/deadzone/parse/IncludeResolver.java
//SOURCES ../shared/deadzone/parse/IncludeSource.java ../shared/deadzone/parse/MarkdownIncludes.java
//SOURCES ../shared/deadzone/parse/MarkdownParser.java ../shared/deadzone/parse/OutputBudget.java
//SOURCES ../shared/deadzone/parse/ParseLimitExceeded.java ../shared/deadzone/parse/ParsedDocument.java
//SOURCES ../shared/deadzone/parse/Parsers.java ../shared/deadzone/parse/RstBlocks.java
//SOURCES ../shared/deadzone/parse/RstInline.java ../shared/deadzone/parse/RstParser.java
//SOURCES ../shared/deadzone/parse/Section.java ../shared/deadzone/parse/SectionCollector.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/HttpUrls.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES MarkdownParserTest.java
//SOURCES support/Project.java

import deadzone.artifact.Kind;
import deadzone.parse.IncludeSource;
import deadzone.parse.ParsedDocument;
import deadzone.parse.Parsers;
import deadzone.parse.Section;
import org.junit.jupiter.api.Test;
import support.Project;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParsersTest {
    private static final String MARKDOWN = "Intro line.\n\n# Title\n\nBody.\n";
    private static final String RST = "Intro line.\n\nTitle\n=====\n\nBody with :func:`run`.\n";
    private static final String HTML = "<!DOCTYPE html><html><body><main><p>Intro line.</p><h1>Title</h1><p>Body.</p></main></body></html>";

    private static List<String> titles(ParsedDocument doc) {
        return doc.sections().stream().map(Section::title).toList();
    }

    @Test
    void eachKindGoesToItsParser() {
        assertEquals(List.of("guide", "Title"), titles(Parsers.parse(Kind.GITHUB_MD, "http://h/r/guide.md", MARKDOWN, null)));
        ParsedDocument rst = Parsers.parse(Kind.GITHUB_RST, "http://h/r/docs/index.rst", RST, null);
        assertEquals(List.of("docs", "Title"), titles(rst), "an index page is named after its folder");
        assertEquals("Body with `run`.", rst.sections().get(1).text());
        for (Kind kind : List.of(Kind.HTML, Kind.SCRAPE_VIA_AGENT)) {
            ParsedDocument html = Parsers.parse(kind, "http://h/site/page.html", HTML, null);
            assertEquals(List.of("page", "Title"), titles(html), kind.toString());
            assertEquals("Intro line.", html.sections().get(0).text());
        }
    }

    @Test
    void aMarkdownPageOfAnHtmlSourceIsParsedAsMarkdown() {
        ParsedDocument doc = Parsers.parse(Kind.SCRAPE_VIA_AGENT, "http://h/llms.txt", MARKDOWN, null);
        assertEquals(List.of("llms", "Title"), titles(doc));
        assertEquals("Body.", doc.sections().get(1).text());
        // the same text at a page address stays with the HTML extraction, which keeps it as text
        ParsedDocument asHtml = Parsers.parse(Kind.HTML, "http://h/page", MARKDOWN, null);
        assertTrue(asHtml.sections().get(0).text().contains("# Title"), asHtml.sections().toString());
    }

    @Test
    void includesReachTheMarkdownParserThroughTheFacade() throws IOException {
        var fixtures = Project.fixtures();
        String rel = "raw/fastapi/fastapi/0.135.3/docs/en/docs/tutorial/first-steps.md";
        ParsedDocument doc = Parsers.parse(Kind.GITHUB_MD, MarkdownParserTest.FIXTURE_HOST + rel,
            Files.readString(fixtures.resolve(rel)), IncludeSource.cached(new MarkdownParserTest.FixtureIncludes(fixtures)));
        assertEquals(List.of(), doc.problems());
        assertTrue(doc.sections().stream().anyMatch(s -> s.text().contains("```python\nfrom fastapi import FastAPI")));
    }

    @Test
    void emptyAndHeadingOnlyDocuments() {
        assertEquals(List.of(), Parsers.parse(Kind.GITHUB_MD, "http://h/empty.md", "", null).sections());
        List<Section> onlyHeading = Parsers.parse(Kind.GITHUB_MD, "http://h/x.md", "# Lonely\n", null).sections();
        assertEquals(1, onlyHeading.size(), "a leaf heading keeps its section so its title is not lost");
        assertEquals("", onlyHeading.get(0).text());
    }
}
