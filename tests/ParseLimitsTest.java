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
//SOURCES ../shared/deadzone/util/HttpUrls.java

import deadzone.artifact.Kind;
import deadzone.parse.HtmlParser;
import deadzone.parse.IncludeSource;
import deadzone.parse.MarkdownParser;
import deadzone.parse.ParseLimitExceeded;
import deadzone.parse.ParsedDocument;
import deadzone.parse.Parsers;
import deadzone.parse.Section;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile page costs to parse is bounded structurally (the figures are in bench/README.md):
 * nesting is capped with a reason, the text a parse produces is linear in the page, and patterns
 * that backtracked or recursed per character are gone.
 */
class ParseLimitsTest {
    private static long outputChars(ParsedDocument doc) {
        return doc.sections().stream().mapToLong(s -> s.text().length() + s.title().length()).sum();
    }

    @Test
    void tenThousandNestedQuotesAreRefusedWithAReason() {
        String html = "<html><body><main><h1>Deep</h1>" + "<blockquote><p>q</p>\n".repeat(10_000)
            + "</blockquote>".repeat(10_000) + "</main></body></html>";
        ParseLimitExceeded e = assertThrows(ParseLimitExceeded.class, () -> Parsers.parse(Kind.HTML, "http://h/deep.html", html, null));
        assertEquals("its HTML is nested more than " + HtmlParser.MAX_DEPTH + " elements deep", e.getMessage());
    }

    /** Nesting under the cap: the text produced stays within a constant times the page, or the page is refused. */
    @Test
    void htmlOutputIsLinearInItsInput() {
        for (int depth : new int[] {1, 8, 60, HtmlParser.MAX_DEPTH - 8}) {
            int lists = Math.min(depth, 60); // a ul and an li a level
            String nest = "<blockquote><p>quoted text</p>\n".repeat(depth) + "</blockquote>".repeat(depth)
                + "<ul><li>item".repeat(lists) + "</li></ul>".repeat(lists) + "\n";
            StringBuilder html = new StringBuilder("<html><body><main><h1>Page</h1>");
            while (html.length() < 3_000_000) {
                html.append(nest);
            }
            html.append("</main></body></html>");
            try {
                ParsedDocument doc = Parsers.parse(Kind.HTML, "http://h/page.html", html.toString(), null);
                long out = outputChars(doc);
                assertTrue(out <= 8L * html.length(), "depth " + depth + ": " + out + " characters from " + html.length());
            } catch (ParseLimitExceeded e) {
                assertTrue(depth > 8, "a shallow page is parsed: " + e.getMessage());
                assertTrue(e.getMessage().startsWith("parsing it produced more than "), e.getMessage());
            }
        }
    }

    @Test
    void aQuoteOfManyLinesIsParsedWhole() {
        String html = "<html><body><main><blockquote>" + "line<br>\n".repeat(200_000) + "</blockquote></main></body></html>";
        ParsedDocument doc = Parsers.parse(Kind.HTML, "http://h/q.html", html, null);
        assertEquals(200_000, doc.sections().get(0).text().lines().count());
    }

    /** One file included again and again multiplies the page: the budget stops it. */
    @Test
    void anIncludeRepeatedAThousandTimesIsRefused() {
        String file = "x = 1\n".repeat(5_000);
        IncludeSource source = url -> Optional.of(file);
        String page = "# Page\n\n" + "--8<-- \"big.py\"\n\n".repeat(1_000);
        ParseLimitExceeded e = assertThrows(ParseLimitExceeded.class,
            () -> MarkdownParser.parse("http://h/r/docs/page.md", page, source));
        assertTrue(e.getMessage().startsWith("parsing it produced more than 8,388,608 characters"), e.getMessage());
        ParsedDocument fine = MarkdownParser.parse("http://h/r/docs/page.md", "# Page\n\n" + "--8<-- \"big.py\"\n\n".repeat(20), source);
        assertEquals(20, fine.sections().get(0).text().split("```python", -1).length - 1);
    }

    /** The snippet pattern recursed per character of the path: a long one was a StackOverflowError. */
    @Test
    void aLongSnippetPathIsAProblemNotACrash() {
        List<String> asked = new ArrayList<>();
        IncludeSource source = url -> {
            asked.add(url);
            return Optional.empty();
        };
        String path = "a".repeat(200_000) + ".py";
        ParsedDocument doc = MarkdownParser.parse("http://h/r/docs/page.md", "# Page\n\n--8<-- \"" + path + "\"\n", source);
        assertEquals(1, doc.problems().size(), doc.problems().toString().substring(0, 200));
        assertTrue(doc.problems().get(0).startsWith("include not found: aaa"));
        assertTrue(asked.size() > 0 && asked.get(0).endsWith(path));
    }

    /** Line numbers past an int were a NumberFormatException, failing the entry as an unexpected error. */
    @Test
    void aSnippetLineRangePastAnyNumberIsNoCrash() {
        IncludeSource source = url -> Optional.of("one\ntwo\nthree\n");
        ParsedDocument doc = MarkdownParser.parse("http://h/r/docs/page.md",
            "# Page\n\n--8<-- \"a.py:99999999999999999999:2\"\n\n--8<-- \"b.py:2:99999999999999999999\"\n", source);
        String text = doc.sections().get(0).text();
        assertTrue(text.contains("```python\ntwo\nthree\n```"), text);
        assertEquals(List.of(), doc.problems());
    }

    @Test
    void aHeadingLineFullOfSpacesIsOneHeading() {
        String spaces = " ".repeat(1_000_000);
        List<Section> sections = MarkdownParser.parse("http://h/p.md", "# a" + spaces + "b  ##\n\nText.\n", null).sections();
        assertEquals(1, sections.size());
        assertEquals("a" + spaces + "b", sections.get(0).title());
        List<Section> attributes = MarkdownParser.parse("http://h/p.md", "## Title" + spaces + "{ #anchor }\n\nText.\n", null).sections();
        assertEquals("Title", attributes.get(0).title());
    }

    // The patterns the heading scanner replaced (they backtracked in the square of a line's length).
    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t]*$");
    private static final Pattern CLOSING_HASHES = Pattern.compile("(?:^|[ \\t]+)#+[ \\t]*$");
    private static final Pattern ATTRIBUTES = Pattern.compile("[ \\t]*\\{:?[ \\t]*(?:[#.][^}\\s]|[\\w-]+=)[^}]*}[ \\t]*$");

    /** The title a heading line gets: "" when it is no heading. */
    private static String patternTitle(String line) {
        Matcher m = ATX.matcher(line);
        if (!m.matches() || m.group(2) == null) {
            return "";
        }
        String t = CLOSING_HASHES.matcher(m.group(2)).replaceFirst("");
        return ATTRIBUTES.matcher(t).replaceFirst("").strip();
    }

    @Test
    void theHeadingScannerAgreesWithThePatternsItReplaced() {
        char[] alphabet = {' ', ' ', '\t', '#', '#', '#', '{', '}', ':', '.', '=', 'a', 'b', '-', '_', '\u2028', '\u00A0'};
        Random random = new Random(15);
        int headings = 0;
        for (int n = 0; n < 300_000; n++) {
            StringBuilder line = new StringBuilder();
            if (random.nextInt(3) > 0) {
                line.append(" ".repeat(random.nextInt(5))).append("#".repeat(1 + random.nextInt(7)));
                line.append(random.nextBoolean() ? " " : "");
            }
            int length = random.nextInt(14);
            for (int i = 0; i < length; i++) {
                line.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String expected = patternTitle(line.toString());
            List<Section> sections = MarkdownParser.parse("http://h/p.md", line + "\n\nText.\n", null).sections();
            boolean heading = !expected.isEmpty();
            headings += heading ? 1 : 0;
            String actual = sections.size() == 1 && sections.get(0).headingPath().size() == 1
                && !sections.get(0).title().equals("p") ? sections.get(0).title() : "";
            assertEquals(expected, actual, "line [" + line + "]");
        }
        assertTrue(headings > 40_000, "headings tried: " + headings);
    }
}
