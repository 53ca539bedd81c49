//SOURCES ../shared/deadzone/parse/BlankLines.java ../shared/deadzone/parse/DocumentNames.java
//SOURCES ../shared/deadzone/parse/Fence.java ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/parse/HtmlParser.java ../shared/deadzone/parse/HtmlToMarkdown.java
//SOURCES ../shared/deadzone/parse/OutputBudget.java ../shared/deadzone/parse/ParseLimitExceeded.java
//SOURCES ../shared/deadzone/parse/ParsedDocument.java ../shared/deadzone/parse/Section.java
//SOURCES ../shared/deadzone/parse/SectionCollector.java
//SOURCES ../shared/deadzone/util/Hashes.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/Project.java

import deadzone.parse.HtmlParser;
import deadzone.parse.Section;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import support.Project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlParserTest {
    private static final List<String> PICOCLI = List.of("index.html", "quick-guide.html", "autocomplete.html", "picocli-on-graalvm.html");

    private static Path page(String name) {
        return Project.fixtures().resolve("site/picocli.info/" + name);
    }

    private static List<Section> parse(String name) throws IOException {
        return HtmlParser.parse("http://docs.fixtures.test/site/picocli.info/" + name, Files.readString(page(name))).sections();
    }

    private static String joined(List<Section> sections) {
        return sections.stream().map(Section::text).collect(Collectors.joining("\n"));
    }

    private static String squashSpaces(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    @Test
    void navigationTocScriptsAndFooterAreDropped() throws IOException {
        for (String name : PICOCLI) {
            Document raw = Jsoup.parse(Files.readString(page(name)));
            List<String> tocEntries = raw.select("#toc a").eachText();
            String text = joined(parse(name));
            for (String entry : tocEntries) {
                assertFalse(text.contains("- " + entry + "\n") || text.contains("\n" + entry + "\n"), name + ": toc entry " + entry);
            }
            assertFalse(text.contains("Last updated"), name + ": footer");
            assertFalse(text.contains("tocbot") || text.contains("createBlockSwitch") || text.contains("addBlockSwitches"), name + ": script");
            assertFalse(text.contains("revnumber") || text.contains("version 4.7.7,"), name + ": header details");
        }
    }

    @Test
    void headingsAreBoundariesUnderThePageTitle() throws IOException {
        List<Section> sections = parse("quick-guide.html");
        assertEquals("Quick Guide", sections.get(0).title());
        assertTrue(sections.get(0).text().startsWith("This is the Quick Guide."), sections.get(0).text());
        Section explained = sections.stream().filter(s -> s.title().equals("2.1. ASCIIArt source code explained")).findFirst().orElseThrow();
        assertEquals(List.of("Quick Guide", "2. Basic example", "2.1. ASCIIArt source code explained"), explained.headingPath());
        assertTrue(explained.text().contains("```java\nimport picocli.CommandLine;\n"), explained.text());
        assertTrue(explained.text().contains("public class ASCIIArt implements Runnable { (1)"), explained.text());
    }

    @Test
    void everyPreIsOneFencedBlockAndEveryParagraphIsKept() throws IOException {
        for (String name : PICOCLI) {
            Element content = Jsoup.parse(Files.readString(page(name))).selectFirst("#content");
            assertEveryPreAndParagraphKept(name, content, parse(name));
        }
    }

    /** The same on the project's own corpus: an Asciidoctor manual, a plain page, three Sphinx pages. */
    @Test
    void everyPreIsOneFencedBlockAndEveryParagraphIsKeptInOurCorpus() throws IOException {
        Path site = Project.ownCorpus().resolve("site");
        for (String name : List.of("kestrel.example/docs/manual.html", "kestrel.example/docs/faq.html",
                "marrow.example/en/stable/index.html", "marrow.example/en/stable/validators.html", "marrow.example/en/stable/types.html")) {
            String html = Files.readString(site.resolve(name));
            Document doc = Jsoup.parse(html);
            doc.select("header, nav, footer, form, script, style, #toc, div.related, div.sphinxsidebar").remove();
            Element content = doc.selectFirst("#content, div.body[role=main], main");
            List<Section> sections = HtmlParser.parse("http://docs.fixtures.test/site/" + name, html).sections();
            assertEveryPreAndParagraphKept(name, content != null ? content : doc.body(), sections);
        }
    }

    private static void assertEveryPreAndParagraphKept(String name, Element content, List<Section> sections) {
        String text = joined(sections);
        long fences = text.lines().filter(l -> l.matches("^[\\s>]*```+[^`\\s]*$")).count();
        List<Element> pres = content.select("pre").stream()
            .filter(pre -> pre.parents().stream().noneMatch(up -> up.normalName().equals("pre"))).toList();
        assertEquals(2L * pres.size(), fences, name + ": every <pre> opened and closed once");
        String flat = squashSpaces(text.replace("`", ""));
        for (Element p : content.select("p, li, th, td")) {
            if (!p.select("pre, table, ul, ol, dl").isEmpty()) {
                continue;
            }
            String expected = squashSpaces(p.text());
            assertTrue(flat.contains(expected), name + ": lost " + expected);
        }
        for (Element pre : pres) {
            Element code = pre.selectFirst("td.code");
            String first = (code != null ? code : pre).wholeText().strip().lines().findFirst().orElse("");
            assertTrue(text.contains(first), name + ": lost code " + first);
        }
    }

    @Test
    void sphinxLikePageByHand() throws IOException {
        String html = Files.readString(Project.root().resolve("tests/data/parse/sphinx-like.html"));
        List<Section> sections = HtmlParser.parse("http://docs.test/widgets/index.html", html).sections();
        String all = sections.stream().map(s -> s.title() + "\n" + s.text()).collect(Collectors.joining("\n"));
        for (String boilerplate : List.of("HEADER-TEXT", "NAV-TEXT", "TOC-TEXT", "ASIDE-TEXT", "FOOTER-TEXT", "NOSCRIPT-TEXT",
            "SCRIPT-TEXT", "color: red", "¶", "https://example.com")) {
            assertFalse(all.contains(boilerplate), boilerplate + " in\n" + all);
        }
        Map<String, Section> byTitle = sections.stream().collect(Collectors.toMap(Section::title, s -> s));
        assertEquals(List.of("Widgets", "Install", "Options"), sections.stream().map(Section::title).toList());
        assertEquals("Widgets are small things, see the widget spec.", byTitle.get("Widgets").text());
        assertEquals(List.of("Widgets", "Install"), byTitle.get("Install").headingPath());
        assertEquals("Run `pip install widgets` first.\n\n"
                + "```python\nimport widgets\n# a comment, not a heading\nwidgets.make()\n```\n\n"
                + "```js\nconst w = widgets();\n```",
            byTitle.get("Install").text());
        assertEquals(List.of("Widgets", "Install", "Options"), byTitle.get("Options").headingPath());
        assertEquals("- First option\n- Second option\n  1. nested one\n  2. nested two\n\n"
                + "Name | Default\nsize | 3\ncolor | blue\n\n"
                + "widget.size\n\nHow big the widget is.\n\n"
                + "> Quoted advice.",
            byTitle.get("Options").text());
    }

    @Test
    void markdownServedAsHtmlIsRecognised() {
        assertTrue(HtmlParser.looksLikeHtml("\n  <!DOCTYPE html><html><body>x</body></html>"));
        assertTrue(HtmlParser.looksLikeHtml("<html lang=en>"));
        assertFalse(HtmlParser.looksLikeHtml("# Title\n\n<div>inline html in markdown</div>"));
    }
}
