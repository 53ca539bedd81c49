//SOURCES ../shared/deadzone/parse/AtxHeading.java ../shared/deadzone/parse/BlankLines.java
//SOURCES ../shared/deadzone/parse/CachingIncludeSource.java ../shared/deadzone/parse/CodeLanguages.java
//SOURCES ../shared/deadzone/parse/DocumentNames.java ../shared/deadzone/parse/Fence.java
//SOURCES ../shared/deadzone/parse/FenceTracker.java ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/parse/IncludeBase.java ../shared/deadzone/parse/IncludeResolver.java
//SOURCES ../shared/deadzone/parse/IncludeSource.java ../shared/deadzone/parse/MarkdownIncludes.java
//SOURCES ../shared/deadzone/parse/MarkdownParser.java ../shared/deadzone/parse/OutputBudget.java
//SOURCES ../shared/deadzone/parse/ParseLimitExceeded.java ../shared/deadzone/parse/ParsedDocument.java
//SOURCES ../shared/deadzone/parse/Section.java ../shared/deadzone/parse/SectionCollector.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/HttpUrls.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/Project.java

import deadzone.parse.IncludeSource;
import deadzone.parse.MarkdownParser;
import deadzone.parse.ParsedDocument;
import deadzone.parse.Section;
import org.junit.jupiter.api.Test;
import support.Project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownParserTest {
    static final String FIXTURE_HOST = "http://docs.fixtures.test/";

    /** Serves the fixture folder under the fixture registry's url layout, counting the fetches of each url. */
    static final class FixtureIncludes implements IncludeSource {
        final Path fixtures;
        final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

        FixtureIncludes(Path fixtures) {
            this.fixtures = fixtures;
        }

        @Override
        public Optional<String> fetch(String url) throws IOException {
            fetches.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet();
            Path file = fixtures.resolve(url.substring(FIXTURE_HOST.length())).normalize();
            return file.startsWith(fixtures) && Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        }
    }

    private static final String FASTAPI = "raw/fastapi/fastapi/0.134.0/docs/en/docs/";

    private static ParsedDocument parseFixture(Path fixtures, String rel, IncludeSource includes) throws IOException {
        return MarkdownParser.parse(FIXTURE_HOST + rel, Files.readString(fixtures.resolve(rel)), includes);
    }

    private static Section titled(List<Section> sections, String title) {
        return sections.stream().filter(s -> s.title().equals(title)).findFirst()
            .orElseThrow(() -> new AssertionError("no section titled " + title + " in "
                + sections.stream().map(Section::title).toList()));
    }

    private static String allText(List<Section> sections) {
        return sections.stream().map(Section::text).collect(Collectors.joining("\n"));
    }

    @Test
    void headingAttributesAreStrippedAndPathsNested() throws IOException {
        Path fixtures = Project.fixtures();
        List<Section> sections = parseFixture(fixtures, FASTAPI + "tutorial/body.md", null).sections();
        assertEquals("Request Body", sections.get(0).title());
        Section model = titled(sections, "Create your data model");
        assertEquals(List.of("Request Body", "Create your data model"), model.headingPath());
        assertEquals("Request Body > Create your data model", model.headingPathText());
        assertTrue(sections.stream().noneMatch(s -> s.title().contains("{") || s.title().contains("#")),
            sections.stream().map(Section::title).toList().toString());
        assertTrue(model.text().startsWith("Then you declare your data model"), model.text());
    }

    @Test
    void hashCommentInsideAFenceIsNotAHeading() throws IOException {
        List<Section> sections = parseFixture(Project.fixtures(), FASTAPI + "features.md", null).sections();
        assertTrue(sections.stream().noneMatch(s -> s.title().startsWith("Declare a variable")));
        Section holder = sections.stream().filter(s -> s.text().contains("# Declare a variable as a str")).findFirst().orElseThrow();
        int fence = holder.text().lastIndexOf("```", holder.text().indexOf("# Declare a variable as a str"));
        assertTrue(holder.text().startsWith("```Python", fence), "the comment's fence is a Python fence");
    }

    @Test
    void edgeCasesOfHeadingsFencesAndFrontMatter() throws IOException {
        String text = Files.readString(Project.root().resolve("tests/data/parse/edge-cases.md"));
        List<Section> sections = MarkdownParser.parse("http://docs.test/guide/edge-cases.md", text, null).sections();
        List<String> titles = sections.stream().map(Section::title).toList();
        // "Second Level" has no text of its own: it lives on in its subsection's heading path
        assertEquals(List.of("edge-cases", "Setext Title", "Indented ATX heading", "Attributes", "Unclosed fence"), titles);
        assertEquals(List.of("edge-cases"), sections.get(0).headingPath());
        assertEquals("Intro paragraph before any heading.", sections.get(0).text(), "front matter and comment dropped");
        assertEquals(List.of("Setext Title", "Second Level", "Indented ATX heading"), sections.get(2).headingPath());
        assertTrue(sections.get(2).text().contains("- a list item\n---"), "a rule under a list item is not a heading");
        assertEquals(List.of("Setext Title", "Attributes"), sections.get(3).headingPath());
        String attributes = sections.get(3).text();
        assertTrue(attributes.contains("~~~~python\n# not a heading in a tilde fence\n"), attributes);
        assertTrue(attributes.contains("    ```bash\n    # not a heading in an indented fence\n"), attributes);
        assertTrue(attributes.contains("#hashtag is not a heading"), attributes);
        assertTrue(sections.get(4).text().endsWith("# still code, the fence never closes\n```"), sections.get(4).text());
        assertFalse(allText(sections).contains("Front matter title"));
        assertFalse(allText(sections).contains("a comment that is not documentation"));
    }

    @Test
    void fastApiIncludesBecomeFencedPythonFromTheSameRef() throws IOException {
        Path fixtures = Project.fixtures();
        FixtureIncludes source = new FixtureIncludes(fixtures);
        ParsedDocument doc = parseFixture(fixtures, FASTAPI + "tutorial/body.md", IncludeSource.cached(source));
        assertEquals(List.of(), doc.problems());
        Section imports = titled(doc.sections(), "Import Pydantic's `BaseModel`");
        String expected = Files.readString(fixtures.resolve("raw/fastapi/fastapi/0.134.0/docs_src/body/tutorial001_py310.py")).strip();
        assertTrue(imports.text().contains("```python\n" + expected + "\n```"), imports.text());
        assertFalse(allText(doc.sections()).contains("{*"));
        // the three pages' worth of includes of tutorial001 were fetched once
        assertEquals(1, source.fetches.get(FIXTURE_HOST + "raw/fastapi/fastapi/0.134.0/docs_src/body/tutorial001_py310.py").get());
    }

    @Test
    void everyFastApiIncludeResolvesAtBothRefsAndEachFileIsFetchedOnce() throws IOException {
        Path fixtures = Project.fixtures();
        FixtureIncludes source = new FixtureIncludes(fixtures);
        IncludeSource cached = IncludeSource.cached(source);
        int includes = 0;
        for (String ref : List.of("0.134.0", "0.135.3")) {
            Path docs = fixtures.resolve("raw/fastapi/fastapi/" + ref + "/docs/en/docs");
            try (Stream<Path> pages = Files.walk(docs)) {
                for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                    String text = Files.readString(page);
                    includes += (int) text.lines().filter(l -> l.strip().startsWith("{*")).count();
                    ParsedDocument doc = MarkdownParser.parse(FIXTURE_HOST + fixtures.relativize(page), text, cached);
                    assertEquals(List.of(), doc.problems(), page.toString());
                    assertFalse(allText(doc.sections()).contains("{* "), page.toString());
                }
            }
        }
        assertTrue(includes > 300, "the corpus has hundreds of includes: " + includes);
        assertTrue(source.fetches.values().stream().allMatch(n -> n.get() == 1), "each url fetched once");
        assertTrue(source.fetches.keySet().stream().allMatch(u -> u.contains("/0.134.0/") || u.contains("/0.135.3/")));
    }

    /** The same on the project's own corpus: code includes and pymdownx snippets (nested too), at both Tidewater refs. */
    @Test
    void everyOwnCorpusIncludeAndSnippetResolvesAtBothRefsAndEachFileIsFetchedOnce() throws IOException {
        Path corpus = Project.ownCorpus();
        FixtureIncludes source = new FixtureIncludes(corpus);
        IncludeSource cached = IncludeSource.cached(source);
        int includes = 0;
        for (String ref : List.of("v2.0.0", "v2.1.0")) {
            try (Stream<Path> pages = Files.walk(corpus.resolve("raw/tidewater/tidewater/" + ref + "/docs/en/docs"))) {
                for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                    String text = Files.readString(page);
                    includes += (int) text.lines().filter(l -> l.strip().startsWith("{*") || l.contains("--8<--")).count();
                    ParsedDocument doc = MarkdownParser.parse(FIXTURE_HOST + corpus.relativize(page), text, cached);
                    assertEquals(List.of(), doc.problems(), page.toString());
                    assertFalse(allText(doc.sections()).contains("{* ") || allText(doc.sections()).contains("--8<--"), page.toString());
                }
            }
        }
        assertTrue(includes >= 10, "includes and snippets: " + includes);
        assertTrue(source.fetches.keySet().stream().anyMatch(u -> u.endsWith("/snippets/env-example.sh")), "the nested snippet");
        assertTrue(source.fetches.values().stream().allMatch(n -> n.get() == 1), "each url fetched once: " + source.fetches);
        assertTrue(source.fetches.keySet().stream().allMatch(u -> u.contains("/v2.0.0/") || u.contains("/v2.1.0/")));
    }

    @Test
    void includedPythonCommentsAreNotHeadings() throws IOException {
        Path fixtures = Project.fixtures();
        ParsedDocument doc = parseFixture(fixtures, FASTAPI + "python-types.md", new FixtureIncludes(fixtures));
        assertTrue(allText(doc.sections()).contains("# > User id=123"), "the included example is there");
        assertTrue(doc.sections().stream().noneMatch(s -> s.title().startsWith(">")),
            doc.sections().stream().map(Section::title).toList().toString());
    }

    @Test
    void aMissingIncludeLeavesAVisibleNoteAndAProblem() throws IOException {
        Path fixtures = Project.fixtures();
        String page = "# Page\n\nBefore.\n\n{* ../../docs_src/nowhere/tutorial999_py310.py hl[1] *}\n\nAfter.\n";
        ParsedDocument doc = MarkdownParser.parse(FIXTURE_HOST + FASTAPI + "tutorial/made-up.md", page, new FixtureIncludes(fixtures));
        assertEquals(1, doc.sections().size());
        assertEquals("Before.\n\n> [include not found: ../../docs_src/nowhere/tutorial999_py310.py]\n\nAfter.",
            doc.sections().get(0).text());
        assertEquals(1, doc.problems().size());
        assertTrue(doc.problems().get(0).contains("../../docs_src/nowhere/tutorial999_py310.py"), doc.problems().toString());
    }

    @Test
    void lineSelectionAndTitleOptions() {
        Map<String, String> files = Map.of("http://docs.test/r/docs_src/app.py", "l1\nl2\nl3\nl4\nl5\nl6\n");
        IncludeSource source = url -> Optional.ofNullable(files.get(url));
        String page = "{* ../docs_src/app.py ln[2:3,5] hl[2] title[\"app/main.py\"] *}\n";
        ParsedDocument doc = MarkdownParser.parse("http://docs.test/r/docs/page.md", page, source);
        assertEquals(List.of(), doc.problems());
        assertEquals("```python title=\"app/main.py\"\n...\nl2\nl3\n...\nl5\n...\n```", doc.sections().get(0).text());
    }

    @Test
    void pymdownxSnippetsInAllTheirForms() throws IOException {
        Map<String, String> files = Map.of(
            "http://docs.test/repo/main/snippets/hello.py", "import os\nprint('hello')\n",
            "http://docs.test/repo/main/snippets/config.toml", "[tool]\nname = \"x\"\n",
            "http://docs.test/repo/main/snippets/part.md", "Part text with its own snippet:\n\n--8<-- \"config.toml\"\n");
        List<String> asked = new ArrayList<>();
        IncludeSource source = url -> {
            asked.add(url);
            return Optional.ofNullable(files.get(url));
        };
        String text = Files.readString(Project.root().resolve("tests/data/parse/snippets.md"));
        ParsedDocument doc = MarkdownParser.parse("http://docs.test/repo/main/docs/guide/snippets.md", text, source);
        String body = doc.sections().get(0).text();
        String hello = "```python\nimport os\nprint('hello')\n```";
        String toml = "```toml\n[tool]\nname = \"x\"\n```";
        assertTrue(body.contains("Double quotes:\n\n" + hello), body);
        assertTrue(body.contains("Single quotes:\n\n" + hello), body);
        assertTrue(body.contains("Markdown snippet inserted as markdown:\n\nPart text with its own snippet:\n\n" + toml), body);
        assertTrue(body.contains("Block form:\n\n" + hello + "\n" + toml + "\n"), body);
        assertTrue(body.contains("```python\nprint('hello')\n```"), "a snippet inside a fence is inserted raw, lines 2:2: " + body);
        assertTrue(body.contains("Escaped marker:\n\n--8<-- \"snippets/hello.py\""), body);
        assertTrue(body.contains("> [include not found: snippets/nope.py]"), body);
        assertEquals(1, doc.problems().size(), doc.problems().toString());
        assertTrue(asked.size() <= 40, "bounded attempts: " + asked.size());
    }

    /** Every line of every fixture markdown page lands in a section, in order, except headings and dropped markup. */
    @Test
    void noTextIsDroppedFromTheFixtureMarkdown() throws IOException {
        Path fixtures = Project.fixtures();
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(fixtures.resolve("raw"))) {
            pages = walk.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        assertTrue(pages.size() > 100, "pages: " + pages.size());
        assertNoTextDropped(fixtures, pages);
    }

    /** The same on the project's own corpus (front matter, admonitions, /// blocks, setext headings, snippets). */
    @Test
    void noTextIsDroppedFromOurCorpusMarkdown() throws IOException {
        Path corpus = Project.ownCorpus();
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(corpus.resolve("raw"))) {
            pages = walk.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        assertTrue(pages.size() >= 24, "pages: " + pages.size());
        assertNoTextDropped(corpus, pages);
    }

    private static void assertNoTextDropped(Path root, List<Path> pages) throws IOException {
        for (Path page : pages) {
            String text = Files.readString(page);
            List<Section> sections = MarkdownParser.parse(FIXTURE_HOST + root.relativize(page), text, null).sections();
            String joined = allText(sections);
            List<String> titles = sections.stream().flatMap(s -> s.headingPath().stream()).toList();
            int cursor = 0;
            for (String line : MarkdownParserTestLines.bodyLines(text)) {
                if (titles.contains(headingWords(line))) {
                    continue; // a heading line (ATX or setext), kept as a title
                }
                int at = joined.indexOf(line, cursor);
                assertTrue(at >= 0, page + ": line missing or out of order: " + line);
                cursor = at + line.length();
            }
        }
    }

    private static String headingWords(String line) {
        return line.replaceFirst("^#{1,6}\\s+", "").replaceFirst("\\s*\\{[^}]*}$", "").replaceFirst("\\s+#+$", "");
    }

    /** The lines of a page that must reach some section: not blank, not front matter, not a whole-line comment. */
    static final class MarkdownParserTestLines {
        static List<String> bodyLines(String text) {
            List<String> lines = new ArrayList<>();
            boolean comment = false;
            String body = text.replace("\r\n", "\n");
            if (body.startsWith("---\n") && body.indexOf("\n---\n", 3) > 0) {
                body = body.substring(body.indexOf("\n---\n", 3) + 5); // YAML front matter, dropped on purpose
            }
            for (String raw : body.split("\n")) {
                String line = raw.strip();
                if (comment) {
                    comment = !line.contains("-->");
                    continue;
                }
                if (line.startsWith("<!--")) {
                    comment = !line.contains("-->");
                    continue;
                }
                if (!line.isEmpty() && !line.matches("^(=+|-+)$")) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }
}
