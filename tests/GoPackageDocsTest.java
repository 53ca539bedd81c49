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
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/HttpUrls.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/Project.java

import deadzone.godoc.GoDocs;
import deadzone.godoc.GoDocument;
import deadzone.godoc.GoPackageDocs;
import deadzone.godoc.GoSkippedFile;
import deadzone.godoc.GoSourceFile;
import deadzone.parse.MarkdownParser;
import deadzone.parse.Section;
import org.junit.jupiter.api.Test;
import support.Project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small package written for the purpose (tests/data/godoc/shapes) against the documents
 * expected of it, written by hand (shapes.expected.md): methods, promoted methods of an embedded
 * unexported type (by value and by pointer), generics, grouped and typed constants, a typed
 * variable, constructors (pointer, slice, with an error), a grouped type declaration, doc links,
 * a link definition, a heading, a code block, a list, a BUG note, a directive in a doc comment,
 * braces in strings, runes and comments, and one name declared for two platforms.
 */
class GoPackageDocsTest {
    private static final Path SHAPES = Project.root().resolve("tests/data/godoc/shapes");

    private static List<GoSourceFile> read(Path dir) throws IOException {
        List<GoSourceFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.sorted().toList()) {
                files.add(GoSourceFile.ofBytes(p.getFileName().toString(), Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private static String render(GoPackageDocs docs) {
        List<String> out = new ArrayList<>();
        for (GoDocument d : docs.documents()) {
            out.add("=== " + String.join(", ", d.files()) + "\n" + d.markdown());
        }
        return String.join("\n", out);
    }

    @Test
    void documentsTheShapesPackageExactly() throws IOException {
        GoPackageDocs docs = GoDocs.build("example.com/shapes", read(SHAPES));
        assertEquals("shapes", docs.packageName());
        assertEquals(List.of(), docs.problems());
        assertEquals(List.of(
            new GoSkippedFile("gen.go", "excluded from every build (//go:build ignore)"),
            new GoSkippedFile("notes.txt", "not a .go file"),
            new GoSkippedFile("shapes_test.go", "a test file"),
            new GoSkippedFile("tool.go", "package main, not the directory's package shapes")), docs.skipped());
        assertEquals(Files.readString(SHAPES.resolveSibling("shapes.expected.md")), render(docs));
        assertEquals(List.of("pkg-overview", "Map", "PageSize", "Circle", "Kind", "Pair", "Shape", "Square", "Metre", "MaxSides",
            "ErrEmpty"), docs.documents().stream().map(GoDocument::anchor).toList());
    }

    @Test
    void sectionsFollowTheHeadingsAndAgreeWithTheMarkdown() throws IOException {
        GoPackageDocs docs = GoDocs.build("example.com/shapes", read(SHAPES));
        String url = "https://example.test/shapes";
        for (GoDocument d : docs.documents()) {
            assertEquals(MarkdownParser.parse(url, d.markdown(), null).sections(), d.sections(url), d.title());
        }
        assertEquals(List.of("shapes package", "shapes package > Units", "shapes package > Bugs"), paths(docs, "shapes package"));
        assertEquals(List.of("shapes.Circle", "shapes.Circle > Constructors > NewCircle", "shapes.Circle > Methods > Area",
            "shapes.Circle > Methods > Name", "shapes.Circle > Methods > Rename"), paths(docs, "shapes.Circle"));
        Section area = docs.documents().stream().filter(d -> d.title().equals("shapes.Circle"))
            .flatMap(d -> d.sections(url).stream()).filter(s -> s.title().equals("Area")).findFirst().orElseThrow();
        assertEquals("```go\nfunc (c *Circle) Area() float64\n```\n\nArea returns pi r squared.", area.text());
        assertEquals(List.of("shapes.Circle", "Methods", "Area"), area.headingPath());
    }

    private static List<String> paths(GoPackageDocs docs, String title) {
        return docs.documents().stream().filter(d -> d.title().equals(title))
            .flatMap(d -> d.sections("u").stream()).map(Section::headingPathText).toList();
    }

    @Test
    void theDirectorysPackageIsTheOneItsPathNamesOrTheMostCommon() {
        GoSourceFile a = new GoSourceFile("a.go", "package bar\n\n// A is in bar.\nfunc A() {}\n");
        GoSourceFile b = new GoSourceFile("b.go", "package bar\n\nfunc B() {}\n");
        GoSourceFile m = new GoSourceFile("m.go", "package main\n\nfunc M() {}\n");
        GoSourceFile y = new GoSourceFile("y.go", "package yaml\n\n// Y is in yaml.\nfunc Y() {}\n");
        GoSourceFile t = new GoSourceFile("t.go", "package thing\n\n// T is in thing.\nfunc T() {}\n");
        GoSourceFile x = new GoSourceFile("x_test.go", "package foo_test\n\nfunc X() {}\n");

        assertEquals("bar", GoDocs.build("example.com/foo", List.of(a, b, m, x)).packageName(), "the most common");
        assertEquals("main", GoDocs.build("example.com/cmd/tool", List.of(m)).packageName(), "a command");
        assertEquals(List.of("main.M"), titles(GoDocs.build("example.com/cmd/tool", List.of(m))));
        assertEquals("bar", GoDocs.build("example.com/x", List.of(a, m)).packageName(), "a name other than main first");
        assertEquals("yaml", GoDocs.build("gopkg.in/yaml.v3", List.of(m, y, b, a)).packageName(),
            "named by the import path, even in a minority");
        assertEquals("thing", GoDocs.build("github.com/x/go-thing/v2", List.of(t, a, b)).packageName(), "/vN and go- set aside");
        assertEquals(List.of("thing.T"), titles(GoDocs.build("github.com/x/go-thing/v2", List.of(t, a, b))));
        assertEquals("", GoDocs.build("example.com/empty", List.of(x)).packageName(), "nothing to read");
        assertTrue(GoDocs.build("example.com/empty", List.of(x)).documents().isEmpty());
    }

    @Test
    void onlyFilesNoBuildIncludesAreLeftOut() {
        String body = "\npackage p\n\n// F is here.\nfunc F() {}\n";
        List<String> excluded = List.of("//go:build ignore\n", "//go:build ignore && linux\n", "//go:build !linux && ignore\n",
            "// +build ignore\n", "// +build linux,ignore\n", "// +build linux\n// +build ignore\n");
        List<String> included = List.of("", "//go:build linux\n", "//go:build !ignore\n", "//go:build ignore || linux\n",
            "//go:build linux && windows\n", "// +build linux ignore\n", "//go:build linux\n// +build ignore\n",
            "//go:build (ignore\n");
        for (String header : excluded) {
            GoPackageDocs docs = GoDocs.build("example.com/p", List.of(new GoSourceFile("f.go", header + body)));
            assertEquals(List.of(new GoSkippedFile("f.go", "excluded from every build (//go:build ignore)")), docs.skipped(), header);
        }
        for (String header : included) {
            GoPackageDocs docs = GoDocs.build("example.com/p", List.of(new GoSourceFile("f.go", header + body)));
            assertEquals(List.of("p.F"), titles(docs), header);
        }
    }

    @Test
    void whereFilesDeclareOneNameForSeveralPlatformsTheLinuxOneIsKept() {
        String unix = "//go:build unix\n\npackage p\n\n// Sep is the separator on Unix.\nconst Sep = '/'\n";
        String windows = "package p\n\n// Sep is the separator on Windows.\nconst Sep = '\\\\'\n";
        String plain = "package p\n\n// Sep is the separator here.\nconst Sep = '/'\n";
        String amd64 = "package p\n\n// Sep is the separator on amd64.\nconst Sep = '/'\n";
        assertEquals("# p.Sep\n\nSep is the separator on Unix.\n\n```go\nconst Sep = '/'\n```\n", sep(List.of(
            new GoSourceFile("a_windows.go", windows), new GoSourceFile("b_unix.go", unix))));
        assertEquals("# p.Sep\n\nSep is the separator here.\n\n```go\nconst Sep = '/'\n```\n", sep(List.of(
            new GoSourceFile("a_windows.go", windows), new GoSourceFile("b.go", plain), new GoSourceFile("c_unix.go", unix))),
            "the first of the linux ones");
        assertEquals("# p.Sep\n\nSep is the separator on amd64.\n\n```go\nconst Sep = '/'\n```\n", sep(List.of(
            new GoSourceFile("a_arm64.go", windows), new GoSourceFile("b_amd64.go", amd64))));
        assertEquals("# p.Sep\n\nSep is the separator on Windows.\n\n```go\nconst Sep = '\\\\'\n```\n", sep(List.of(
            new GoSourceFile("a_windows.go", windows), new GoSourceFile("b_plan9.go", plain))), "none for linux: the first");
    }

    private static String sep(List<GoSourceFile> files) {
        GoPackageDocs docs = GoDocs.build("example.com/p", files);
        assertEquals(List.of("p.Sep"), titles(docs));
        return docs.documents().get(0).markdown();
    }

    private static List<String> titles(GoPackageDocs docs) {
        return docs.documents().stream().map(GoDocument::title).toList();
    }
}
