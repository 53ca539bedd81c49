//SOURCES ../shared/deadzone/parse/AtxHeading.java ../shared/deadzone/parse/BlankLines.java
//SOURCES ../shared/deadzone/parse/CachingIncludeSource.java ../shared/deadzone/parse/CodeLanguages.java
//SOURCES ../shared/deadzone/parse/DocumentNames.java ../shared/deadzone/parse/Fence.java
//SOURCES ../shared/deadzone/parse/FenceTracker.java ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/parse/IncludeBase.java ../shared/deadzone/parse/IncludeResolver.java
//SOURCES ../shared/deadzone/parse/IncludeSource.java ../shared/deadzone/parse/MarkdownIncludes.java
//SOURCES ../shared/deadzone/parse/MarkdownParser.java ../shared/deadzone/parse/OutputBudget.java
//SOURCES ../shared/deadzone/parse/ParseLimitExceeded.java ../shared/deadzone/parse/ParsedDocument.java
//SOURCES ../shared/deadzone/parse/RstBlocks.java ../shared/deadzone/parse/RstInline.java
//SOURCES ../shared/deadzone/parse/RstParser.java ../shared/deadzone/parse/Section.java
//SOURCES ../shared/deadzone/parse/SectionCollector.java
//SOURCES ../shared/deadzone/util/HttpUrls.java

import deadzone.parse.IncludeBase;
import deadzone.parse.IncludeResolver;
import deadzone.parse.IncludeSource;
import deadzone.parse.MarkdownParser;
import deadzone.parse.ParsedDocument;
import deadzone.parse.RstParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncludeResolverTest {
    private static final String BODY = "http://host/raw/fastapi/fastapi/0.134.0/docs/en/docs/tutorial/body.md";

    private static final IncludeBase REF_ROOT = IncludeBase.of(BODY, "0.134.0");
    private static final IncludeBase HOST_ROOT = IncludeBase.of(BODY, null);

    private static List<String> candidates(IncludeBase base, String page, String path) {
        try {
            return IncludeResolver.candidates(base, page, path);
        } catch (IncludeResolver.Refused e) {
            throw new AssertionError("refused: " + e.getMessage(), e);
        }
    }

    @Test
    void fastApiPathsAreTriedFromTheResolvedFolderUpToTheRefsRoot() {
        assertEquals(List.of(
                "http://host/raw/fastapi/fastapi/0.134.0/docs/en/docs_src/body/x.py",
                "http://host/raw/fastapi/fastapi/0.134.0/docs/docs_src/body/x.py",
                "http://host/raw/fastapi/fastapi/0.134.0/docs_src/body/x.py"),
            candidates(REF_ROOT, BODY, "../../docs_src/body/x.py"));
        assertEquals(6, candidates(HOST_ROOT, BODY, "../../docs_src/body/x.py").size(),
            "without a ref, up to the host's root, within the bound");
    }

    @Test
    void theBaseIsThePagesSchemeHostAndRefPrefix() {
        assertEquals("http://host/raw/fastapi/fastapi/0.134.0/", REF_ROOT.toString());
        assertEquals("http://host/", HOST_ROOT.toString());
        assertEquals("https://raw.githubusercontent.com/o/r/main/",
            IncludeBase.of("https://raw.githubusercontent.com/o/r/main/docs/a.md", null).toString(),
            "raw.githubusercontent.com: owner/repo/ref without a declared ref");
        assertEquals("https://h/o/r/release/1.x/",
            IncludeBase.of("https://h/o/r/release/1.x/docs/a.md", "release/1.x").toString(), "a ref with a slash");
    }

    @Test
    void attemptsAreBoundedAndStartAtThePageFolder() {
        List<String> candidates = candidates(HOST_ROOT, BODY, "snippets/a.md");
        assertEquals(IncludeResolver.MAX_ATTEMPTS, candidates.size());
        assertEquals("http://host/raw/fastapi/fastapi/0.134.0/docs/en/docs/tutorial/snippets/a.md", candidates.get(0));
        assertEquals("http://host/raw/fastapi/fastapi/0.134.0/docs/en/docs/snippets/a.md", candidates.get(1));
        assertEquals("http://host/x/a.md",
            candidates(IncludeBase.of("http://host/x/y/page.md", null), "http://host/x/y/page.md", "./a.md").get(1));
        assertEquals(List.of("http://host/raw/fastapi/fastapi/0.134.0/docs/en/docs/x.py",
                "http://host/raw/fastapi/fastapi/0.134.0/docs/en/x.py", "http://host/raw/fastapi/fastapi/0.134.0/docs/x.py",
                "http://host/raw/fastapi/fastapi/0.134.0/x.py"),
            candidates(REF_ROOT, BODY, "./a/../../x.py"), "inner '..' segments count like leading ones");
    }

    /** The escapes a hostile page tried: each is refused before any request, and says why. */
    @Test
    void pathsLeavingThePagesBaseAreRefused() {
        Map<String, String> refusals = Map.of(
            "/etc/passwd", "from the root of the site",
            "../../../../../../../../etc/passwd", "climbs above http://host/raw/fastapi/fastapi/0.134.0/",
            "../../../../../../../../../../../../etc/passwd", "climbs above",
            "https://other.example/file.py", "an absolute url",
            "http://host/raw/fastapi/fastapi/0.134.0/x.py", "an absolute url",
            "file:///etc/passwd", "an absolute url",
            "..\\..\\..\\etc\\passwd", "backslash",
            "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "encoded",
            "docs/..%2f..%2f..%2f..%2fetc/passwd", "encoded");
        refusals.forEach((path, why) -> {
            IncludeResolver.Refused e = assertThrows(IncludeResolver.Refused.class,
                () -> IncludeResolver.candidates(REF_ROOT, BODY, path), path);
            assertTrue(e.getMessage().contains(why), path + ": " + e.getMessage());
        });
        IncludeBase hostRoot = IncludeBase.of("http://host/page.md", null);
        assertThrows(IncludeResolver.Refused.class, () -> IncludeResolver.candidates(hostRoot, "http://host/page.md", "../a.md"),
            "above the host's root is refused, not clamped to it");
    }

    @Test
    void aHostilePageMakesNoRequestOutsideItsBaseAndReportsEveryRefusal() {
        List<String> asked = new ArrayList<>();
        IncludeSource source = url -> {
            asked.add(url);
            return Optional.of("secret");
        };
        String page = "# Page\n\n{* /etc/passwd *}\n\n--8<-- \"https://raw.githubusercontent.com/o/private/main/token.txt\"\n\n"
            + "--8<-- \"../../../../../../../../etc/hosts\"\n\n.. done\n";
        String url = "http://evil.test/docs/v1/page.md";
        ParsedDocument doc = MarkdownParser.parse(url, page, source, IncludeBase.of(url, "v1"));
        assertEquals(List.of(), asked, "no request at all");
        assertFalse(doc.sections().get(0).text().contains("secret"));
        assertTrue(doc.sections().get(0).text().contains("> [include refused: /etc/passwd]"), doc.sections().get(0).text());
        assertEquals(3, doc.problems().size(), doc.problems().toString());
        assertTrue(doc.problems().stream().allMatch(p -> p.startsWith("include refused: ")), doc.problems().toString());

        String rst = "Title\n=====\n\n.. include:: /etc/passwd\n\n.. literalinclude:: https://other.example/x.py\n\n"
            + ".. literalinclude:: ../../../x.py\n";
        ParsedDocument rstDoc = RstParser.parse("http://evil.test/r/v1/docs/index.rst", rst, source,
            IncludeBase.of("http://evil.test/r/v1/docs/index.rst", "v1"));
        assertEquals(List.of(), asked, "no request for an rst include either");
        assertEquals(3, rstDoc.problems().size(), rstDoc.problems().toString());
        assertTrue(rstDoc.problems().stream().allMatch(p -> p.startsWith("include refused: ")), rstDoc.problems().toString());
    }

    @Test
    void aNestedSnippetStaysUnderTheOriginalPagesBase() {
        List<String> asked = new ArrayList<>();
        Map<String, String> files = Map.of("http://h/r/v1/docs/part.md", "--8<-- \"../../outside.md\"\n");
        IncludeSource source = url -> {
            asked.add(url);
            return Optional.ofNullable(files.get(url));
        };
        String url = "http://h/r/v1/docs/page.md";
        ParsedDocument doc = MarkdownParser.parse(url, "--8<-- \"part.md\"\n", source, IncludeBase.of(url, "v1"));
        assertEquals(List.of("http://h/r/v1/docs/part.md"), asked);
        assertTrue(doc.problems().get(0).startsWith("include refused: ../../outside.md"), doc.problems().toString());
    }

    @Test
    void theFirstExistingCandidateWins() throws Exception {
        List<String> asked = new ArrayList<>();
        IncludeSource source = url -> {
            asked.add(url);
            return url.endsWith("0.134.0/docs_src/body/x.py") ? Optional.of("print(1)") : Optional.empty();
        };
        IncludeResolver.Found found = new IncludeResolver(source, REF_ROOT).resolve(BODY, "../../docs_src/body/x.py").orElseThrow();
        assertEquals("http://host/raw/fastapi/fastapi/0.134.0/docs_src/body/x.py", found.url());
        assertEquals("print(1)", found.content());
        assertEquals(3, asked.size(), asked.toString());
    }

    @Test
    void theRunCacheRemembersContentAndAbsenceButNotErrors() throws IOException {
        List<String> asked = new ArrayList<>();
        int[] failures = {1};
        IncludeSource source = IncludeSource.cached(url -> {
            asked.add(url);
            if (url.endsWith("flaky.py") && failures[0]-- > 0) {
                throw new IOException("connection reset");
            }
            return url.endsWith("here.py") || url.endsWith("flaky.py") ? Optional.of("x = 1") : Optional.empty();
        });
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of("x = 1"), source.fetch("http://h/here.py"));
            assertEquals(Optional.empty(), source.fetch("http://h/gone.py"));
        }
        assertEquals(List.of("http://h/here.py", "http://h/gone.py"), asked);
        try {
            source.fetch("http://h/flaky.py");
            throw new AssertionError("the first fetch fails");
        } catch (IOException expected) {
            assertEquals("connection reset", expected.getMessage());
        }
        assertEquals(Optional.of("x = 1"), source.fetch("http://h/flaky.py"), "an error is not remembered");
        assertTrue(IncludeSource.cached(source) == source, "wrapping twice keeps one cache");
    }

    @Test
    void anUnreadableIncludeIsAProblemNotAFailure() {
        IncludeSource broken = url -> {
            throw new IOException("HTTP 500 from " + url);
        };
        String page = "# Title\n\nText.\n\n{* ../../docs_src/body/x.py *}\n\nMore text.\n";
        ParsedDocument doc = MarkdownParser.parse(BODY, page, broken);
        assertEquals("Text.\n\n> [include not read: ../../docs_src/body/x.py]\n\nMore text.", doc.sections().get(0).text());
        assertEquals(1, doc.problems().size());
        assertTrue(doc.problems().get(0).startsWith("include not read: ../../docs_src/body/x.py"), doc.problems().toString());
        assertTrue(doc.problems().get(0).contains("HTTP 500"), doc.problems().toString());
    }

    @Test
    void includedCodeKeepsItsOwnFences() throws IOException {
        Map<String, String> files = Map.of("http://h/r/docs_src/readme_demo.md.py", "s = '''\n```\ninner\n```\n'''\n");
        ParsedDocument doc = MarkdownParser.parse("http://h/r/docs/p.md", "{* ../docs_src/readme_demo.md.py *}\n# After\n\ntext\n",
            url -> Optional.ofNullable(files.get(url)));
        assertEquals("````python\ns = '''\n```\ninner\n```\n'''\n````", doc.sections().get(0).text());
        assertEquals("After", doc.sections().get(1).title());
    }
}
