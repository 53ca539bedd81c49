//SOURCES ../shared/deadzone/godoc/BuildConstraints.java ../shared/deadzone/godoc/CommentGroups.java
//SOURCES ../shared/deadzone/godoc/CommentText.java ../shared/deadzone/godoc/DocComment.java
//SOURCES ../shared/deadzone/godoc/DocumentBuilder.java ../shared/deadzone/godoc/GoDocs.java
//SOURCES ../shared/deadzone/godoc/GoDocument.java ../shared/deadzone/godoc/GoFile.java
//SOURCES ../shared/deadzone/godoc/GoFileProblem.java ../shared/deadzone/godoc/GoFileReader.java
//SOURCES ../shared/deadzone/godoc/GoLexer.java ../shared/deadzone/godoc/GoPackageDocs.java
//SOURCES ../shared/deadzone/godoc/GoSkippedFile.java ../shared/deadzone/godoc/GoSourceFile.java
//SOURCES ../shared/deadzone/godoc/GoSyntaxException.java ../shared/deadzone/godoc/GoTokens.java
//SOURCES ../shared/deadzone/godoc/PackageOverview.java ../shared/deadzone/godoc/PackageReader.java
//SOURCES ../shared/deadzone/parse/AtxHeading.java ../shared/deadzone/parse/BlankLines.java
//SOURCES ../shared/deadzone/parse/CachingIncludeSource.java ../shared/deadzone/parse/CodeLanguages.java
//SOURCES ../shared/deadzone/parse/DocumentNames.java ../shared/deadzone/parse/Fence.java
//SOURCES ../shared/deadzone/parse/FenceTracker.java ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/parse/IncludeBase.java ../shared/deadzone/parse/IncludeResolver.java
//SOURCES ../shared/deadzone/parse/IncludeSource.java ../shared/deadzone/parse/MarkdownIncludes.java
//SOURCES ../shared/deadzone/parse/MarkdownParser.java ../shared/deadzone/parse/OutputBudget.java
//SOURCES ../shared/deadzone/parse/ParseLimitExceeded.java ../shared/deadzone/parse/ParsedDocument.java
//SOURCES ../shared/deadzone/parse/Section.java ../shared/deadzone/parse/SectionCollector.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/Project.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.godoc.GoDocs;
import deadzone.godoc.GoDocument;
import deadzone.godoc.GoPackageDocs;
import deadzone.godoc.GoSourceFile;
import deadzone.parse.MarkdownParser;
import deadzone.parse.Section;
import deadzone.util.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.Project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Go source reader against the Go tool's own output (go/parser + go/doc) for 11 Go 1.19.8
 * standard library packages: same titles, same declarations and signatures up to whitespace, same
 * doc comment words, apart from the deliberate differences, each of which is asserted here:
 * typed const/var groups written into their type's document; //go:build ignore files (time's
 * genzabbrs.go, package main) not documented; only BUG notes in the package document (the other
 * markers are internal remarks); where several files declare one name, the linux/amd64 one.
 */
class GoDocGoldenTest {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Pattern NOTE_START = Pattern.compile("(?m)^(?=[A-Z][A-Z]+\\([^)]+\\):)");
    private static final Pattern FUNC_NAME = Pattern.compile("(?m)^func (?:\\([^)]*\\) )?(\\w+)");
    private static final Set<String> OTHER_PLATFORMS = Set.of("windows", "plan9", "js", "wasm", "darwin", "ios", "aix",
        "dragonfly", "freebsd", "netbsd", "openbsd", "solaris", "illumos", "android");
    /**
     * Documents whose golden text was read from another platform's file than the linux one kept
     * here (go/doc keeps whichever it meets first). Each must really differ from the golden.
     */
    static final Set<String> PLATFORM_VARIANTS = Set.of("os.Pipe", "os.Remove", "os.Truncate", "os.File");

    private record Golden(String title, String content) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"archive/tar", "container/list", "embed", "encoding/json", "errors", "net/url", "os",
        "strings", "sync/atomic", "time", "unicode/utf8"})
    void matchesTheGoToolsOutput(String pkg) throws IOException {
        Path godoc = Project.fixtures().resolve("godoc");
        GoPackageDocs docs = GoDocs.build(pkg, sourceFiles(godoc, pkg));
        assertEquals(List.of(), docs.problems(), "problems");

        Map<String, GoDocument> mine = new LinkedHashMap<>();
        docs.documents().forEach(d -> assertEquals(null, mine.put(d.title(), d), "one document per title: " + d.title()));
        Map<String, List<Golden>> golden = new LinkedHashMap<>();
        for (String line : Files.readAllLines(godoc.resolve("golden").resolve(pkg.replace('/', '_') + ".jsonl"))) {
            JsonNode n = Json.MAPPER.readTree(line);
            golden.computeIfAbsent(n.get("title").asText(), k -> new ArrayList<>())
                .add(new Golden(n.get("title").asText(), n.get("content").asText()));
        }
        Set<String> goldenTitles = new TreeSet<>(golden.keySet());
        goldenTitles.removeIf(t -> t.startsWith("main."));
        assertEquals(goldenTitles, new TreeSet<>(mine.keySet()), "titles");

        for (Map.Entry<String, List<Golden>> e : golden.entrySet()) {
            String title = e.getKey();
            if (title.startsWith("main.")) {
                continue;
            }
            GoDocument doc = mine.get(title);
            Body body = body(doc);
            if (PLATFORM_VARIANTS.contains(title)) {
                assertPlatformVariant(doc, body, e.getValue());
                continue;
            }
            List<List<String>> expected = e.getValue().stream().map(g -> expectedWords(g.content())).toList();
            assertTrue(expected.contains(body.words()), title + ": doc and declaration words differ from the golden\n"
                + "  golden: " + expected.get(0) + "\n  mine:   " + body.words());
            for (String code : body.code()) {
                assertTrue(e.getValue().stream().anyMatch(g -> squeeze(g.content()).contains(squeeze(code))),
                    title + ": this declaration or code block is not in the golden:\n" + code);
            }
            for (Golden g : e.getValue()) {
                Matcher m = Pattern.compile("(?m)^func .*$").matcher(g.content());
                while (m.find()) {
                    assertTrue(squeeze(String.join("\n", body.code())).contains(squeeze(m.group())),
                        title + ": the golden signature is missing: " + m.group());
                }
            }
            typedValues(title, body);
        }

        for (GoDocument d : docs.documents()) {
            String url = "https://example.test/" + pkg;
            List<Section> viaMarkdown = MarkdownParser.parse(url, d.markdown(), null).sections();
            assertEquals(viaMarkdown, d.sections(url), d.title() + ": the markdown and the sections disagree");
        }
        int sections = docs.documents().stream().mapToInt(d -> d.sections("u").size()).sum();
        System.out.printf("godoc %-13s %3d documents %4d sections (golden %d documents)%n", pkg, docs.documents().size(),
            sections, golden.values().stream().mapToInt(List::size).sum());
        deliberateDifferences(pkg, docs, golden);
    }

    /** The non-test .go files the GitHub listing of the package directory names, as downloaded. */
    private static List<GoSourceFile> sourceFiles(Path godoc, String pkg) throws IOException {
        JsonNode listing = Json.MAPPER.readTree(godoc.resolve("api/repos/golang/go/contents/src").resolve(pkg).toFile());
        List<GoSourceFile> files = new ArrayList<>();
        for (JsonNode entry : listing) {
            String name = entry.get("name").asText();
            if (entry.get("type").asText().equals("file") && name.endsWith(".go") && !name.endsWith("_test.go")) {
                Path raw = godoc.resolve("raw/golang/go/go1.19.8/src").resolve(pkg).resolve(name);
                files.add(GoSourceFile.ofBytes(name, Files.readAllBytes(raw)));
            }
        }
        assertFalse(files.isEmpty(), "the listing names .go files");
        return files;
    }

    /** A document's words (title, fence lines and its type's typed values left out) and its fenced code. */
    private record Body(List<String> words, List<String> code, List<String> typedValues) {
    }

    private static Body body(GoDocument doc) {
        List<String> lines = List.of(doc.markdown().split("\n", -1));
        StringBuilder prose = new StringBuilder();
        List<String> code = new ArrayList<>();
        List<String> typed = new ArrayList<>();
        StringBuilder block = null;
        String fence = null;
        String name = doc.title().substring(doc.title().indexOf('.') + 1);
        boolean sawTypeDeclaration = false;
        boolean inTypedValues = false;
        for (String line : lines.subList(1, lines.size())) {
            if (fence == null && line.matches("`{3,}go")) {
                fence = line.substring(0, line.length() - 2);
                block = new StringBuilder();
                continue;
            }
            if (fence != null) {
                if (line.equals(fence)) {
                    String c = block.toString();
                    if (inTypedValues) {
                        typed.add(c);
                    } else {
                        code.add(c);
                        prose.append(c).append('\n');
                    }
                    if (!sawTypeDeclaration && (c.startsWith("type " + name + " ") || c.startsWith("type " + name + "["))) {
                        sawTypeDeclaration = true;
                        inTypedValues = true; // what follows the declaration, up to the next heading
                    }
                    fence = null;
                } else {
                    block.append(block.length() == 0 ? "" : "\n").append(line);
                }
                continue;
            }
            if (line.startsWith("## ")) {
                inTypedValues = false;
            }
            if (!inTypedValues) {
                prose.append(line).append('\n');
            }
        }
        return new Body(words(prose.toString()), code, typed);
    }

    /** The golden's words, with only BUG notes kept under a "Bugs" heading (the original lists every marker under "Notes:"). */
    private static List<String> expectedWords(String content) {
        int notes = content.startsWith("Notes:\n") ? 0 : content.lastIndexOf("\n\nNotes:\n");
        if (notes < 0) {
            return words(content);
        }
        String text = content.substring(0, notes);
        StringBuilder bugs = new StringBuilder();
        for (String note : NOTE_START.split(content.substring(content.indexOf("Notes:\n", notes) + "Notes:\n".length()))) {
            if (note.startsWith("BUG(")) {
                bugs.append(note).append('\n');
            }
        }
        return words(text + (bugs.length() > 0 ? "\nBugs\n" + bugs : ""));
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    /** Const/var blocks written into a type's document must be const/var declarations typed with that type. */
    private static void typedValues(String title, Body body) {
        String type = title.substring(title.indexOf('.') + 1);
        for (String block : body.typedValues()) {
            assertTrue(block.startsWith("const") || block.startsWith("var"), title + ": only const/var blocks follow the type: " + block);
            assertTrue(Pattern.compile("\\b\\*?" + Pattern.quote(type) + "\\b").matcher(block).find(),
                title + ": a value block in the type's document is typed with " + type + ": " + block);
        }
    }

    /** A document read from the linux file where the golden read another platform's: same functions, different text. */
    private static void assertPlatformVariant(GoDocument doc, Body body, List<Golden> golden) {
        for (String file : doc.files()) {
            String base = file.replaceFirst("(_test)?\\.go$", "");
            String suffix = base.substring(base.lastIndexOf('_') + 1);
            assertFalse(base.contains("_") && OTHER_PLATFORMS.contains(suffix), doc.title() + " is read from " + file);
        }
        assertEquals(funcNames(golden.get(0).content()), funcNames(String.join("\n", body.code())), doc.title() + ": functions");
        assertTrue(golden.stream().noneMatch(g -> expectedWords(g.content()).equals(body.words())),
            doc.title() + " matches the golden: take it out of PLATFORM_VARIANTS");
    }

    private static Set<String> funcNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = FUNC_NAME.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static void deliberateDifferences(String pkg, GoPackageDocs docs, Map<String, List<Golden>> golden) {
        List<String> titles = docs.documents().stream().map(GoDocument::title).toList();
        assertTrue(titles.stream().noneMatch(t -> t.startsWith("main.")), "no document of a package main file");
        GoDocument packageDoc = docs.documents().get(0);
        assertTrue(packageDoc.title().endsWith(" package"), "the package document comes first");
        String packageText = packageDoc.markdown();
        assertFalse(packageText.contains("TODO(") || packageText.contains("NOTE("), "only BUG notes are documented");
        switch (pkg) {
            case "time" -> {
                assertTrue(golden.keySet().containsAll(List.of("main.MapZone", "main.SupplementalData")), "the golden documents genzabbrs.go");
                assertTrue(docs.skipped().stream().anyMatch(s -> s.file().equals("genzabbrs.go")
                    && s.reason().contains("excluded from every build")), "genzabbrs.go is skipped: " + docs.skipped());
                assertTypedGroup(docs, golden, "time.Weekday", "Sunday", "Monday", "Saturday");
                assertTypedGroup(docs, golden, "time.Month", "January", "June", "December");
                assertTrue(packageText.contains("## Bugs\n\nBUG(brainman,rsc): On Windows, the operating system"), packageText);
            }
            case "sync/atomic" -> assertTrue(packageText.contains("BUG(rsc): On 386, the 64-bit functions"), packageText);
            case "strings" -> {
                List<String> paths = docs.documents().stream().filter(d -> d.title().equals("strings.Builder"))
                    .flatMap(d -> d.sections("u").stream()).map(Section::headingPathText).toList();
                assertTrue(paths.containsAll(List.of("strings.Builder", "strings.Builder > Methods > WriteString",
                    "strings.Builder > Methods > Grow")), "a type is split at its methods: " + paths);
            }
            case "embed" -> {
                List<String> paths = packageDoc.sections("u").stream().map(Section::headingPathText).toList();
                assertTrue(paths.contains("embed package > Directives"), "doc comment headings are sections: " + paths);
            }
            default -> {
            }
        }
    }

    private static void assertTypedGroup(GoPackageDocs docs, Map<String, List<Golden>> golden, String title, String... names) {
        GoDocument doc = docs.documents().stream().filter(d -> d.title().equals(title)).findFirst().orElse(null);
        assertNotNull(doc, title);
        for (String name : names) {
            assertFalse(golden.get(title).get(0).content().contains("\t" + name), "the golden " + title + " lacks " + name);
            assertTrue(body(doc).typedValues().stream().anyMatch(b -> b.contains("\t" + name)), title + " declares " + name);
        }
        assertNotEquals(List.of(), body(doc).typedValues());
    }
}
