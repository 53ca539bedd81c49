//SOURCES ../shared/deadzone/parse/BlankLines.java ../shared/deadzone/parse/CachingIncludeSource.java
//SOURCES ../shared/deadzone/parse/CodeLanguages.java ../shared/deadzone/parse/DocumentNames.java
//SOURCES ../shared/deadzone/parse/Fence.java ../shared/deadzone/parse/FenceTracker.java
//SOURCES ../shared/deadzone/parse/HeadingPath.java ../shared/deadzone/parse/IncludeResolver.java
//SOURCES ../shared/deadzone/parse/IncludeSource.java ../shared/deadzone/parse/MarkdownIncludes.java
//SOURCES ../shared/deadzone/parse/MarkdownParser.java ../shared/deadzone/parse/ParsedDocument.java
//SOURCES ../shared/deadzone/parse/Section.java ../shared/deadzone/parse/SectionCollector.java
//SOURCES ../shared/deadzone/util/HttpUrls.java

import deadzone.parse.IncludeResolver;
import deadzone.parse.IncludeSource;
import deadzone.parse.MarkdownParser;
import deadzone.parse.ParsedDocument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncludeResolverTest {
    private static final String BODY = "http://host/raw/fastapi/fastapi/0.134.0/docs/en/docs/tutorial/body.md";

    @Test
    void fastApiPathsAreTriedFromTheResolvedFolderUpwards() {
        assertEquals(List.of(
                "http://host/raw/fastapi/fastapi/0.134.0/docs/en/docs_src/body/x.py",
                "http://host/raw/fastapi/fastapi/0.134.0/docs/docs_src/body/x.py",
                "http://host/raw/fastapi/fastapi/0.134.0/docs_src/body/x.py",
                "http://host/raw/fastapi/fastapi/docs_src/body/x.py",
                "http://host/raw/fastapi/docs_src/body/x.py",
                "http://host/raw/docs_src/body/x.py"),
            IncludeResolver.candidates(BODY, "../../docs_src/body/x.py"));
    }

    @Test
    void attemptsAreBoundedAndStartAtThePageFolder() {
        List<String> candidates = IncludeResolver.candidates(BODY, "snippets/a.md");
        assertEquals(IncludeResolver.MAX_ATTEMPTS, candidates.size());
        assertEquals("http://host/raw/fastapi/fastapi/0.134.0/docs/en/docs/tutorial/snippets/a.md", candidates.get(0));
        assertEquals("http://host/raw/fastapi/fastapi/0.134.0/docs/en/docs/snippets/a.md", candidates.get(1));
        assertEquals(List.of("http://host/a.md", "http://host/x/a.md"),
            List.of(IncludeResolver.candidates("http://host/page.md", "../../a.md").get(0),
                IncludeResolver.candidates("http://host/x/y/page.md", "./a.md").get(1)));
        assertEquals(List.of("https://other/file.py"), IncludeResolver.candidates(BODY, "https://other/file.py"));
    }

    @Test
    void theFirstExistingCandidateWins() throws IOException {
        List<String> asked = new ArrayList<>();
        IncludeSource source = url -> {
            asked.add(url);
            return url.endsWith("0.134.0/docs_src/body/x.py") ? Optional.of("print(1)") : Optional.empty();
        };
        IncludeResolver.Found found = new IncludeResolver(source).resolve(BODY, "../../docs_src/body/x.py").orElseThrow();
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
