//SOURCES ../shared/deadzone/godoc/BuildConstraints.java ../shared/deadzone/godoc/CommentGroups.java
//SOURCES ../shared/deadzone/godoc/CommentText.java ../shared/deadzone/godoc/DocComment.java
//SOURCES ../shared/deadzone/godoc/DocumentBuilder.java ../shared/deadzone/godoc/GoDocs.java
//SOURCES ../shared/deadzone/godoc/GoDocument.java ../shared/deadzone/godoc/GoFile.java
//SOURCES ../shared/deadzone/godoc/GoFileProblem.java ../shared/deadzone/godoc/GoFileReader.java
//SOURCES ../shared/deadzone/godoc/GoLexer.java ../shared/deadzone/godoc/GoPackageDocs.java
//SOURCES ../shared/deadzone/godoc/GoSkippedFile.java ../shared/deadzone/godoc/GoSourceFile.java
//SOURCES ../shared/deadzone/godoc/GoSyntaxException.java ../shared/deadzone/godoc/GoTokens.java
//SOURCES ../shared/deadzone/godoc/PackageOverview.java ../shared/deadzone/godoc/PackageReader.java
//SOURCES ../shared/deadzone/parse/HeadingPath.java ../shared/deadzone/parse/Section.java

import deadzone.godoc.GoDocs;
import deadzone.godoc.GoDocument;
import deadzone.godoc.GoFileProblem;
import deadzone.godoc.GoPackageDocs;
import deadzone.godoc.GoSourceFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Source files a documentation build may meet without choosing them: each is read correctly or
 * gives one clear problem line for its file (the package's other files still documented), never
 * an exception, a hang or a stack overflow.
 */
class GoHostileSourceTest {
    /** A well-formed file beside the hostile one: it must be documented whatever the other does. */
    private static final GoSourceFile GOOD = new GoSourceFile("good.go", "package p\n\n// Good is fine.\nfunc Good() {}\n");

    private static GoPackageDocs build(String name, String text) {
        return GoDocs.build("example.com/p", List.of(GOOD, new GoSourceFile(name, text)));
    }

    private static List<String> titles(GoPackageDocs docs) {
        return docs.documents().stream().map(GoDocument::title).toList();
    }

    /** The one problem of {@code name}: a single line naming the line of the source. */
    private static String problem(GoPackageDocs docs, String name) {
        assertEquals(1, docs.problems().size(), "problems: " + docs.problems());
        GoFileProblem p = docs.problems().get(0);
        assertEquals(name, p.file());
        assertFalse(p.reason().contains("\n"), "one line: " + p.reason());
        assertFalse(p.reason().contains("Exception"), "no Java names: " + p.reason());
        assertTrue(titles(docs).contains("p.Good"), "the good file is still documented: " + titles(docs));
        return p.reason();
    }

    @Test
    void unterminatedLiteralsAndCommentsAreProblemsOfTheirFile() {
        assertEquals("line 4: raw string literal not terminated (a ` without its closing `)",
            problem(build("raw.go", "package p\n\nfunc F() {\n\ts := `never closed\n\t}\n}\n"), "raw.go"));
        assertEquals("line 3: comment not terminated (a /* without its */)",
            problem(build("comment.go", "package p\n\n/* never closed\nfunc F() {}\n"), "comment.go"));
        assertEquals("line 3: string literal not terminated",
            problem(build("string.go", "package p\n\nvar s = \"no end\nfunc F() {}\n"), "string.go"));
        assertEquals("line 3: rune literal not terminated",
            problem(build("rune.go", "package p\n\nvar r = 'x\n"), "rune.go"));
        assertEquals("line 3: '{' is never closed",
            problem(build("open.go", "package p\n\nfunc F() {\n\tif true {\n\t}\n"), "open.go"));
        assertEquals("line 4: unexpected '}' with nothing open to close",
            problem(build("close.go", "package p\n\nfunc F() {}\n}\n"), "close.go"));
        assertEquals("line 3: ')' does not close the '[' opened on line 3",
            problem(build("mismatch.go", "package p\n\nvar x = a[1)\n"), "mismatch.go"));
    }

    @Test
    void bracesInsideStringsRunesAndCommentsDoNotCount() {
        String src = """
            package p

            // Before has braces in all its literals.
            func Before() string {
            \ts := "}}}" + `}
            {{ ) ]` + string('}') + string('{') + "\\"}"
            \t// a comment with } and )
            \t/* a block comment { ( [ */
            \t_ = '\\''
            \treturn s
            }

            // After is found after them.
            func After() {}
            """;
        GoPackageDocs docs = build("braces.go", src);
        assertEquals(List.of(), docs.problems());
        assertEquals(List.of("p.After", "p.Before", "p.Good"), titles(docs));
        GoDocument after = docs.documents().stream().filter(d -> d.title().equals("p.After")).findFirst().orElseThrow();
        assertEquals("# p.After\n\nAfter is found after them.\n\n```go\nfunc After()\n```\n", after.markdown());
    }

    @Test
    void filesThatAreNotGoAreProblems() {
        assertEquals("line 1: not Go source: a Go file starts with its package clause, found 'import'",
            problem(build("python.go", "import os\nprint(os.getcwd())\n"), "python.go"));
        assertEquals("line 1: unexpected character U+0023 '#' outside a string or comment",
            problem(build("shell.go", "#!/bin/sh\necho hi\n"), "shell.go"));
        assertEquals("line 1: not Go source: a Go file starts with its package clause, found the end of the file",
            problem(build("empty.go", ""), "empty.go"));
        assertEquals("line 2: not Go source: a Go file starts with its package clause, found the end of the file",
            problem(build("comments.go", "// only a comment\n"), "comments.go"));
        assertEquals("line 1: contains a NUL byte: a binary file, not Go source",
            problem(GoDocs.build("example.com/p", List.of(GOOD, GoSourceFile.ofBytes("binary.go", new byte[] {0x7f, 'E', 'L', 'F', 0, 1}))), "binary.go"));
        String html = "<!DOCTYPE html>\n<html><body><p>Not found</p></body></html>\n";
        assertTrue(problem(build("page.go", html), "page.go").startsWith("line 1: "));
        assertEquals("line 3: expected a declaration (func, type, const, var or import), found 'x'",
            problem(build("statement.go", "package p\n\nx := 1\n"), "statement.go"));
    }

    @Test
    void truncatedDeclarationsAreProblems() {
        assertEquals("line 3: expected a constant or variable name, found the end of the file",
            problem(build("var.go", "package p\n\nvar"), "var.go"));
        assertEquals("line 3: expected the function's name, found the end of the file",
            problem(build("func.go", "package p\n\nfunc"), "func.go"));
        assertEquals("line 3: expected a type name, found the end of the file",
            problem(build("type.go", "package p\n\ntype"), "type.go"));
        assertEquals("line 3: method without a receiver type",
            problem(build("recv.go", "package p\n\nfunc () F() {}\n"), "recv.go"));
        assertEquals("line 3: expected the parameters of F, found the end of the line",
            problem(build("params.go", "package p\n\nfunc F\n"), "params.go"));
        assertEquals("line 1: package clause without a package name, found the end of the file",
            problem(build("pkg.go", "package"), "pkg.go"));
        assertEquals(List.of("p.Good"), titles(build("empty.go", "package p\n\nvar ()\nconst ()\ntype ()\n")));
    }

    @Test
    void crlfLineEndingsAndAByteOrderMarkReadLikePlainFiles() {
        String src = "package p\n\n// Doc of F,\n// on two lines.\nfunc F(a int,\n\tb int) (int, error) {\n\treturn a, nil\n}\n\n"
            + "// Raw keeps its text.\nconst Raw = `a\nb`\n";
        GoPackageDocs plain = build("f.go", src);
        GoPackageDocs crlf = build("f.go", src.replace("\n", "\r\n"));
        GoPackageDocs bom = build("f.go", "\uFEFF" + src.replace("\n", "\r\n"));
        GoPackageDocs bomBytes = GoDocs.build("example.com/p", List.of(GOOD,
            GoSourceFile.ofBytes("f.go", ("\uFEFF" + src).getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(), plain.problems());
        assertEquals(List.of("p.F", "p.Good", "p.Raw"), titles(plain));
        for (GoPackageDocs other : List.of(crlf, bom, bomBytes)) {
            assertEquals(List.of(), other.problems());
            assertEquals(markdown(plain), markdown(other));
        }
        assertTrue(markdown(plain).contains("```go\nfunc F(a int,\n\tb int) (int, error)\n```"), markdown(plain));
        assertEquals("line 3: unexpected character U+FEFF outside a string or comment",
            problem(build("midbom.go", "package p\n\n\uFEFFfunc F() {}\n"), "midbom.go"));
    }

    private static String markdown(GoPackageDocs docs) {
        return String.join("\n", docs.documents().stream().map(GoDocument::markdown).toList());
    }

    @Test
    void deepNestingIsReadWithoutRecursion() {
        int depth = 200_000;
        String parens = "package p\n\n// Deep is deeply nested.\nvar Deep = " + "(".repeat(depth) + "1" + ")".repeat(depth) + "\n";
        GoPackageDocs docs = build("parens.go", parens);
        assertEquals(List.of(), docs.problems());
        assertEquals(List.of("p.Good", "p.Deep"), titles(docs));

        StringBuilder blocks = new StringBuilder("package p\n\n// Blocks nests blocks.\nfunc Blocks() {\n");
        blocks.append("{\n".repeat(depth)).append("}\n".repeat(depth)).append("}\n\n// Next follows.\nfunc Next() {}\n");
        docs = build("blocks.go", blocks.toString());
        assertEquals(List.of(), docs.problems());
        assertEquals(List.of("p.Blocks", "p.Good", "p.Next"), titles(docs));

        String types = "package p\n\n// T nests types.\ntype T " + "[]map[string]".repeat(depth / 10) + "int\n";
        assertEquals(List.of(), build("types.go", types).problems());

        String constraint = "//go:build " + "(".repeat(depth) + "ignore" + ")".repeat(depth) + "\n\npackage p\n\n// C is here.\nfunc C() {}\n";
        docs = build("constraint.go", constraint);
        assertEquals(List.of(), docs.problems());
        assertEquals(List.of("p.C", "p.Good"), titles(docs), "a constraint too deep to read leaves the file in");

        StringBuilder embedding = new StringBuilder("package p\n\n");
        for (int i = 0; i < 5_000; i++) {
            embedding.append("type t").append(i).append(" struct{ t").append(i + 1).append(" }\n");
            embedding.append("func (t").append(i).append(") M").append(i).append("() {}\n");
        }
        embedding.append("// E embeds a long chain.\ntype E struct{ t0 }\n");
        docs = build("chain.go", embedding.toString());
        assertEquals(List.of(), docs.problems());
        assertTrue(titles(docs).contains("p.E"));
    }

    @Test
    void pathologicalDocCommentsAreReadInOnePass() {
        int n = 1_000_000;
        String[] lines = {
            "A" + "'".repeat(n) + "a",              // an old-style heading candidate full of apostrophes
            "A" + ".x".repeat(n / 2) + "a",          // ... full of periods
            "[" + "x] [".repeat(n / 4) + "x]",       // brackets: each pair a doc link candidate
            "# a" + " ".repeat(n) + "b",             // a "heading" of spaces
            "# " + "{".repeat(n),                    // a "heading" of braces
        };
        for (String line : lines) {
            String src = "package p\n\n// F has a strange comment.\n//\n// " + line + "\n//\n// The end.\nfunc F() {}\n";
            GoPackageDocs docs = build("strange.go", src);
            assertEquals(List.of(), docs.problems());
            String markdown = docs.documents().stream().filter(d -> d.title().equals("p.F")).findFirst().orElseThrow().markdown();
            assertTrue(markdown.contains("The end."), "the comment is read to its end");
        }
    }

    @Test
    void aFiveMegabyteFileIsReadInOnePass() {
        StringBuilder src = new StringBuilder("package big\n\n");
        int n = 0;
        while (src.length() < 5_000_000) {
            src.append("// F").append(n).append(" returns {\"n\": ").append(n).append("} as text.\n")
                .append("func F").append(n).append("(a, b int) (string, error) {\n")
                .append("\ts := `{\"n\": ").append(n).append("}`\n")
                .append("\tif a > b { return s, nil }\n")
                .append("\treturn \"}\", nil /* ) */\n}\n\n");
            n++;
        }
        GoSourceFile big = new GoSourceFile("big.go", src.toString());
        long start = System.nanoTime();
        GoPackageDocs docs = GoDocs.build("example.com/big", List.of(big));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(), docs.problems());
        assertEquals(n, docs.documents().size());
        List<String> titles = titles(docs);
        assertTrue(titles.contains("big.F0") && titles.contains("big.F" + (n - 1)), "first and last functions");
        System.out.printf("bench godoc: %d bytes, %d functions read in %d ms%n", src.length(), n, millis);

        // One declaration, one literal and one comment of 5 MB each: no per-token rescans.
        String body = "x".repeat(5_000_000);
        assertEquals(List.of(), build("one.go", "package p\n\nvar S = \"" + body + "\"\n").problems());
        assertEquals(List.of(), build("raw.go", "package p\n\nvar S = `" + body + "`\n").problems());
        assertEquals(List.of(), build("comment.go", "package p\n\n/*" + body + "*/\n").problems());
        StringBuilder list = new StringBuilder("package p\n\nvar L = []int{");
        while (list.length() < 5_000_000) {
            list.append("1, ");
        }
        list.append("}\n");
        assertEquals(List.of(), build("list.go", list.toString()).problems());
    }
}
