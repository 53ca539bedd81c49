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
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/HttpUrls.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES MarkdownParserTest.java
//SOURCES support/Project.java

import deadzone.parse.ParsedDocument;
import deadzone.parse.RstParser;
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
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RstParserTest {
    private static final String FLASK = "raw/pallets/flask/3.1.3/docs/";

    private static List<Section> flask(String file) throws IOException {
        Path fixtures = Project.fixtures();
        return RstParser.parse(MarkdownParserTest.FIXTURE_HOST + FLASK + file,
            Files.readString(fixtures.resolve(FLASK + file)), null).sections();
    }

    private static Section titled(List<Section> sections, String title) {
        return sections.stream().filter(s -> s.title().equals(title)).findFirst()
            .orElseThrow(() -> new AssertionError("no section " + title + " in " + sections.stream().map(Section::title).toList()));
    }

    private static List<Path> flaskFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(Project.fixtures().resolve(FLASK))) {
            return walk.filter(p -> p.toString().endsWith(".rst")).sorted().toList();
        }
    }

    @Test
    void sectionsFollowAdornmentsAndCodeBlocksAreFenced() throws IOException {
        List<Section> sections = flask("quickstart.rst");
        assertEquals("Quickstart", sections.get(0).title());
        Section minimal = titled(sections, "A Minimal Application");
        assertEquals(List.of("Quickstart", "A Minimal Application"), minimal.headingPath());
        assertTrue(minimal.text().contains("```python\nfrom flask import Flask\n\napp = Flask(__name__)\n"), minimal.text());
        assertTrue(minimal.text().contains("1.  First we imported the `Flask` class."), minimal.text());
        assertTrue(minimal.text().contains("**Application Discovery Behavior**"), "admonition title kept");
    }

    @Test
    void levelsFollowTheOrderOfFirstAppearance() throws IOException {
        Section options = titled(flask("cli.rst"), "Setting Command Options");
        assertEquals(List.of("Command Line Interface", "Environment Variables From dotenv", "Setting Command Options"),
            options.headingPath());
        assertTrue(options.text().contains("**Bash**\n\n```text\n$ export FLASK_RUN_PORT=8000\n$ flask run\n"), "tabs kept: " + options.text());

        String text = Files.readString(Project.root().resolve("tests/data/parse/levels.rst"));
        ParsedDocument doc = RstParser.parse("http://docs.test/levels.rst", text, null);
        Map<String, List<String>> paths = doc.sections().stream()
            .collect(Collectors.toMap(Section::title, Section::headingPath, (a, b) -> a));
        assertEquals(List.of("Overline"), paths.get("Overline"));
        assertEquals(List.of("Overline", "First Underline", "Nested", "Deeper"), paths.get("Deeper"));
        assertEquals(List.of("Overline", "First Underline", "Nested", "Deeper", "Deepest"), paths.get("Deepest"),
            "an underline of the overline's character is a new style");
        assertEquals(List.of("Overline", "Second Underline"), paths.get("Second Underline"));
        assertEquals("Intro under the overlined title.", doc.sections().get(0).text(), "field, target and comment dropped");
    }

    @Test
    void directivesRolesAndLiteralBlocksOnTheHandWrittenPage() throws IOException {
        String text = Files.readString(Project.root().resolve("tests/data/parse/levels.rst"));
        List<Section> sections = RstParser.parse("http://docs.test/levels.rst", text, null).sections();
        assertEquals("Text one with `helper`, the guide,\n`literal` and a link.",
            titled(sections, "First Underline").text());
        String nested = titled(sections, "Nested").text();
        assertTrue(nested.startsWith("Example:\n\n```\nprint(\"literal block\")\n```"), nested);
        assertTrue(nested.contains("Expanded form\n\n```\nkept = True\n```"), nested);
        assertTrue(nested.contains("app.py\n\n```python\napp = make()\n```"), nested);
        assertTrue(nested.contains("**Note:**\nA note with code:\n\n```text\n$ run\n```"), nested);
        assertTrue(nested.contains("*Changed in version 2.0.*\nChanged text."), nested);
        assertTrue(nested.endsWith("function `pkg.helper`"), nested);
        assertFalse(nested.contains("hidden-entry") || nested.contains("maxdepth"), "toctree dropped");
        assertTrue(titled(sections, "Second Underline").text().contains("**Linux**\n\nLinux text."));
    }

    @Test
    void apiDirectivesKeepTheirSignatureAndVersionNotes() throws IOException {
        List<Section> sections = flask("api.rst");
        assertEquals("class `Flask`", titled(sections, "Application Object").text());
        String session = titled(sections, "Sessions").text();
        assertTrue(session.contains("class `session`"), session);
        assertTrue(session.contains("Here an example:\n\n```\n# this change is not picked up because a mutable object (here\n"), session);
        assertTrue(titled(sections, "Session Interface").text().startsWith("*New in version 0.8.*"));
        assertTrue(titled(sections, "Useful Functions and Classes").text().contains("function `url_for`"));
    }

    @Test
    void rolesCommentsTargetsAndToctreesLeaveNoTraceInAnyFlaskPage() throws IOException {
        Pattern role = Pattern.compile(":(func|class|meth|attr|data|ref|doc|exc|file|gh|mod):`");
        for (Path file : flaskFiles()) {
            List<Section> sections = RstParser.parse("http://h/" + file.getFileName(), Files.readString(file), null).sections();
            assertFalse(sections.isEmpty(), file.toString());
            for (Section s : sections) {
                assertFalse(role.matcher(s.text()).find() || role.matcher(s.title()).find(), file + ": " + s.title());
                assertTrue(s.text().lines().noneMatch(l -> l.startsWith(".. ") || l.strip().startsWith(":maxdepth:")),
                    file + ": " + s.title() + "\n" + s.text());
            }
        }
        Section guide = titled(flask("index.rst"), "User's Guide");
        assertFalse(guide.text().contains("errorhandling"), guide.text());
    }

    @Test
    void includeDirectivesAreResolvedOrReported() throws IOException {
        Map<String, String> files = Map.of("http://h/repo/CHANGES.rst", "Version 3.1.3\n-------------\n\nReleased today.\n",
            "http://h/repo/LICENSE.txt", "Copyright text.\n");
        ParsedDocument changes = RstParser.parse("http://h/repo/docs/changes.rst", "Changes\n=======\n\n.. include:: ../CHANGES.rst\n",
            url -> Optional.ofNullable(files.get(url)));
        assertEquals(List.of("Changes", "Version 3.1.3"), changes.sections().get(0).headingPath());
        assertEquals("Released today.", changes.sections().get(0).text());
        ParsedDocument license = RstParser.parse("http://h/repo/docs/license.rst",
            "License\n=======\n\n.. literalinclude:: ../LICENSE.txt\n    :language: text\n\n.. literalinclude:: ../MISSING.txt\n",
            url -> Optional.ofNullable(files.get(url)));
        assertEquals("```text\nCopyright text.\n```\n\n> [include not found: ../MISSING.txt]", license.sections().get(0).text());
        assertEquals(1, license.problems().size(), license.problems().toString());
    }

    /** Every prose and code line of every Flask page reaches a section, in order (compared without markup). */
    @Test
    void noTextIsDroppedFromTheFlaskDocs() throws IOException {
        List<Path> files = flaskFiles();
        assertTrue(files.size() > 70, "files: " + files.size());
        assertNoTextDropped(files);
    }

    /** The same on the project's own corpus (Strata: API directives, version notes, an include, a literalinclude). */
    @Test
    void noTextIsDroppedFromOurCorpusRst() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Project.ownCorpus().resolve("raw/strata-dev/strata/1.3.0/docs"))) {
            files = walk.filter(p -> p.toString().endsWith(".rst")).sorted().toList();
        }
        assertEquals(7, files.size(), "six pages and the included fragment: " + files);
        assertNoTextDropped(files);
    }

    private static void assertNoTextDropped(List<Path> files) throws IOException {
        for (Path file : files) {
            String text = Files.readString(file);
            List<Section> sections = RstParser.parse("http://h/" + file.getFileName(), text, null).sections();
            String joined = squash(sections.stream().map(Section::text).collect(Collectors.joining("\n")));
            int cursor = 0;
            for (String line : contentLines(text)) {
                String expected = squash(withoutMarkup(line));
                if (expected.isEmpty()) {
                    continue;
                }
                int at = joined.indexOf(expected, cursor);
                assertTrue(at >= 0, file.getFileName() + ": missing or out of order: " + line);
                cursor = at + expected.length();
            }
        }
    }

    private static final Set<String> DROPPED = Set.of("toctree", "image", "rst-class", "raw", "meta", "index", "contents", "highlight");
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*\\.\\.\\s+([\\w:.+-]+)::.*");
    private static final Pattern OPTION = Pattern.compile("^\\s*:[\\w-]+:.*");
    private static final Pattern ADORNMENT = Pattern.compile("^([!-/:-@\\[-`{-~])\\1+\\s*$");

    /** The lines that must reach a section: not titles, adornments, directive lines and options, comments or dropped blocks. */
    private static List<String> contentLines(String text) {
        List<String> lines = List.of(text.split("\n", -1));
        List<String> out = new ArrayList<>();
        int skipDeeperThan = -1;
        boolean options = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int indent = line.length() - line.stripLeading().length();
            if (skipDeeperThan >= 0) {
                if (line.isBlank() || indent > skipDeeperThan) {
                    continue;
                }
                skipDeeperThan = -1;
            }
            if (line.isBlank()) {
                options = false;
                continue;
            }
            if (options && OPTION.matcher(line).matches()) {
                continue;
            }
            options = false;
            if (line.matches("^:(orphan|nocomments|nosearch|tocdepth):.*")) {
                continue; // page metadata for Sphinx, dropped on purpose
            }
            String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
            if (ADORNMENT.matcher(line).matches() || ADORNMENT.matcher(next).matches() && indent == 0) {
                continue; // adornments and titles, checked by the heading tests
            }
            if (line.strip().startsWith("..")) {
                var directive = DIRECTIVE.matcher(line);
                if (!directive.matches() || DROPPED.contains(directive.group(1))) {
                    skipDeeperThan = indent; // comment, target, substitution or a dropped directive: the whole block
                } else {
                    options = true;
                }
                continue;
            }
            out.add(line);
        }
        return out;
    }

    private static String withoutMarkup(String line) {
        return line.replaceAll("``(.+?)``", "$1")
            .replaceAll(":[\\w:.+-]+:`", "`")
            .replaceAll("\\s*<[^<>`\\s]+>`", "`") // the target of a link or role whose text starts on an earlier line
            .replaceAll("`([^`<]*?)\\s*<[^`>]*>`", "$1")
            .replaceAll("`~\\.?(?:[\\w-]+\\.)*", "`").replaceAll("`\\.", "`")
            .replaceAll("`!", "`");
    }

    private static String squash(String s) {
        return s.replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
