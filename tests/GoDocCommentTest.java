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
import deadzone.godoc.GoPackageDocs;
import deadzone.godoc.GoSourceFile;
import deadzone.parse.Section;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Go doc comment syntax (https://go.dev/doc/comment) as markdown: headings of both styles, lists,
 * code blocks, doc links and link definitions, and the escapes that keep a paragraph line from
 * reading as markdown block syntax. Also which comments are doc comments at all.
 */
class GoDocCommentTest {
    private static GoDocument document(String source, String title) {
        GoPackageDocs docs = GoDocs.build("example.com/p", List.of(new GoSourceFile("p.go", source)));
        assertEquals(List.of(), docs.problems());
        return docs.documents().stream().filter(d -> d.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void docCommentSyntaxBecomesMarkdown() {
        String source = """
            // Package p shows doc comment syntax.
            //
            // Old Style Heading
            //
            // Text after the old heading.
            //
            // # New heading
            //
            // Numbered:
            //  1. first
            //  2. second
            //     continued
            //
            // Bullets with blank lines:
            //
            //   - one
            //
            //   - two
            //
            // A line starting with # inside a paragraph
            // # is not a heading here
            // ---
            // ```not a fence
            // <!-- not a comment
            //
            //\tcode with ``` inside
            //\t# and a hash
            //
            // [Unknown] and [T.M] and [*T] and [T.Missing] and [a.b.C] and x[T] and [io/fs].
            // A [link] and a [Link Two].
            //
            // [link]: https://example.com/1
            // [Link Two]: https://example.com/2
            package p

            // T is a type.
            type T struct{}

            // M is a method.
            func (T) M() {}
            """;
        String expected = """
            # p package

            Package p shows doc comment syntax.

            ## Old Style Heading

            Text after the old heading.

            ## New heading

            Numbered:

            1. first
            2. second
               continued

            Bullets with blank lines:

            - one

            - two

            A line starting with # inside a paragraph
            \\# is not a heading here
            \\---
            \\```not a fence
            \\<!-- not a comment

            ````go
            code with ``` inside
            # and a hash
            ````

            [Unknown] and T.M and *T and [T.Missing] and [a.b.C] and x[T] and io/fs.
            A [link](https://example.com/1) and a [Link Two](https://example.com/2).
            """;
        assertEquals(expected, document(source, "p package").markdown());
    }

    @Test
    void headingsInADocCommentOpenSectionsUnderTheirDeclaration() {
        String source = """
            package p

            // F does things.
            //
            // # Details
            //
            // More about them.
            func F() {}
            """;
        GoDocument f = document(source, "p.F");
        assertEquals(List.of(
            new Section("u", "p.F", List.of("p.F"), "F does things."),
            new Section("u", "Details", List.of("p.F", "Details"), "More about them.\n\n```go\nfunc F()\n```")), f.sections("u"));
    }

    @Test
    void onlyTheCommentDirectlyAboveADeclarationDocumentsIt() {
        String source = """
            package p

            // Detached: a blank line separates it from A.

            // A is documented.
            //go:generate stringer -type=A
            //line a.go:1
            func A() {}

            func B() {} // B's line comment is not its doc.
            // This comment documents C, although it follows B's line.
            func C() {}

            /*
            D has a block comment.
            	With an indented line.
            */
            func D() {}

            var x = 1 // trailing
            // E follows a trailing comment.
            const E = 2
            """;
        assertEquals("A is documented.", document(source, "p.A").parts().get(0).text().split("\n\n")[0]);
        assertEquals("```go\nfunc B()\n```", document(source, "p.B").parts().get(0).text());
        assertEquals("This comment documents C, although it follows B's line.",
            document(source, "p.C").parts().get(0).text().split("\n\n")[0]);
        assertEquals("D has a block comment.\n\n```go\nWith an indented line.\n```\n\n```go\nfunc D()\n```",
            document(source, "p.D").parts().get(0).text());
        assertEquals("E follows a trailing comment.\n\n```go\nconst E = 2\n```", document(source, "p.E").parts().get(0).text());
    }
}
