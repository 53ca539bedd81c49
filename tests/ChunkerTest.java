//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/chunk/Chunk.java ../shared/deadzone/chunk/Chunker.java
//SOURCES ../shared/deadzone/chunk/SectionSplitter.java ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/RunFailure.java ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/BlankLines.java ../shared/deadzone/parse/Fence.java
//SOURCES ../shared/deadzone/parse/HeadingPath.java ../shared/deadzone/parse/Section.java
//SOURCES ../shared/deadzone/util/Hashes.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/Project.java

import deadzone.chunk.Chunk;
import deadzone.chunk.Chunker;
import deadzone.embed.Embedder;
import deadzone.embed.EmbedderOptions;
import deadzone.parse.Section;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import support.Project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The chunker against the real tokenizer of the default model (window 512, special tokens included). */
class ChunkerTest {
    private static final String URL = "https://example.test/doc.md";
    private static Embedder tokenizer;
    private static Chunker chunker;

    @BeforeAll
    static void load() {
        tokenizer = Embedder.load(null, EmbedderOptions.defaults().withWorkers(1));
        chunker = new Chunker(tokenizer);
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Test
    void everyFixtureDocFitsIsCoveredAndKeepsItsFences() throws IOException {
        Path raw = Project.fixtures().resolve("raw");
        List<Path> docs;
        try (Stream<Path> files = Stream.concat(Files.walk(raw.resolve("fastapi")), Files.walk(raw.resolve("modelcontextprotocol")))) {
            docs = files.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
        assertTrue(docs.size() >= 200, "fixture markdown docs: " + docs.size());
        int[] counts = chunkEveryDoc(docs);
        assertTrue(counts[1] > 10, "some fixture docs have sections over the window: " + counts[1]);
        assertTrue(counts[2] * 20 < counts[0], counts[2] + " tiny chunks of " + counts[0]);
    }

    /** The same on the project's own corpus: every markdown page of both Tidewater refs, snippets included. */
    @Test
    void everyOwnCorpusDocFitsIsCoveredAndKeepsItsFences() throws IOException {
        List<Path> docs;
        try (Stream<Path> files = Files.walk(Project.ownCorpus().resolve("raw/tidewater"))) {
            docs = files.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
        assertTrue(docs.size() >= 24, "own corpus markdown docs: " + docs.size());
        int[] counts = chunkEveryDoc(docs);
        assertTrue(counts[1] >= 2, "the settings table of both refs is over the window: " + counts[1]);
        assertTrue(counts[2] * 5 < counts[0], counts[2] + " tiny chunks of " + counts[0]);
    }

    /**
     * Chunks every doc and checks each chunk (recorded tokens, window, indexes, fences), coverage
     * and determinism; returns {chunks, docs with a split section, tiny chunks}.
     */
    private static int[] chunkEveryDoc(List<Path> docs) throws IOException {
        int chunks = 0;
        int split = 0;
        int tiny = 0;
        for (int d = 0; d < docs.size(); d++) {
            List<Section> sections = sections(docs.get(d));
            List<Chunk> out = chunker.chunk(sections, d);
            String where = docs.get(d).toString();
            for (int i = 0; i < out.size(); i++) {
                Chunk c = out.get(i);
                int real = tokenizer.countTokens(c.embeddingInput());
                assertEquals(real, c.tokens(), where + " chunk " + i + ": recorded tokens");
                assertTrue(real <= 512, where + " chunk " + i + " has " + real + " tokens");
                assertEquals(d, c.docIndex());
                assertEquals(i, c.chunkIndex());
                assertBalancedFences(c.text(), where + " chunk " + i);
                tiny += real < Chunker.DEFAULT_MIN_TOKENS ? 1 : 0;
            }
            assertCovered(sections, out, where);
            assertEquals(out, chunker.chunk(sections, d), where + ": same input, same chunks");
            chunks += out.size();
            split += out.size() > sections.size() ? 1 : 0;
        }
        return new int[] {chunks, split, tiny};
    }

    @Test
    void tinySectionsMergeWithTheirFollowingNeighbour() {
        List<Section> sections = List.of(
            section(List.of("Guide"), "Intro."),
            section(List.of("Guide", "Install"), "Run `pip install fastapi`."),
            section(List.of("Guide", "Install", "Extras"), "Add `[standard]` for the server."),
            section(List.of("Guide", "Usage"), "Create an app. ".repeat(123)));
        List<Chunk> out = chunker.chunk(sections, 0);
        assertEquals(2, out.size(), out.toString());
        Chunk merged = out.get(0);
        assertEquals(List.of("Guide"), merged.headingPath());
        assertEquals("Intro.\n\n## Install\n\nRun `pip install fastapi`.\n\n### Extras\n\nAdd `[standard]` for the server.",
            merged.text());
        assertEquals(List.of("Guide", "Usage"), out.get(1).headingPath(), "a full-size section stays on its own");
    }

    @Test
    void aTinyLastSectionMergesBackwards() {
        List<Section> sections = List.of(
            section(List.of("API"), "Describe the endpoint. ".repeat(40)),
            section(List.of("API", "See also"), "The tutorial."));
        List<Chunk> out = chunker.chunk(sections, 3);
        assertEquals(1, out.size());
        assertTrue(out.get(0).text().endsWith("\n\n## See also\n\nThe tutorial."), out.get(0).text());
        assertEquals(3, out.get(0).docIndex());
    }

    @Test
    void anOversizedSectionSplitsOnParagraphsWithOverlap() {
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            paragraphs.add(("Paragraph " + i + " explains dependency number " + i + " and why it matters. ").repeat(3).strip());
        }
        List<Chunk> out = chunker.chunk(List.of(section(List.of("Deps"), String.join("\n\n", paragraphs))), 0);
        assertTrue(out.size() >= 3, "chunks: " + out.size());
        for (int i = 0; i < out.size(); i++) {
            List<String> inChunk = List.of(out.get(i).text().split("\n\n"));
            assertTrue(paragraphs.containsAll(inChunk), "chunk " + i + " is made of whole paragraphs");
            if (i > 0) {
                List<String> previous = List.of(out.get(i - 1).text().split("\n\n"));
                assertEquals(previous.get(previous.size() - 1), inChunk.get(0), "chunk " + i + " starts with the overlap");
            }
        }
        assertEquals(paragraphs.get(paragraphs.size() - 1), last(out).text().substring(last(out).text().lastIndexOf("\n\n") + 2));
    }

    @Test
    void aCodeBlockThatFitsIsNeverCut() {
        String code = "```python\n" + "x = compute(x)  # step\n".repeat(45) + "```";
        String prose = "Some explanation of the code that follows. ".repeat(30);
        String text = prose + "\n\n" + code + "\n\n" + prose;
        List<Chunk> out = chunker.chunk(List.of(section(List.of("Code"), text)), 0);
        assertTrue(out.size() >= 2, "the section is over the window: " + out.size());
        assertEquals(1, out.stream().filter(c -> c.text().contains(code)).count(), "the block is whole in one chunk");
        for (Chunk c : out) {
            assertBalancedFences(c.text(), "chunk " + c.chunkIndex());
        }
    }

    @Test
    void anOversizedCodeBlockIsSplitOnLinesAndReFenced() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            lines.add("    result_" + i + " = handler(request, value=" + i + ")");
        }
        String text = "Intro.\n\n```python\n" + String.join("\n", lines) + "\n```";
        List<Chunk> out = chunker.chunk(List.of(section(List.of("Big"), text)), 0);
        assertTrue(out.size() >= 3, "chunks: " + out.size());
        for (Chunk c : out) {
            assertTrue(c.tokens() <= 512);
            assertTrue(c.text().contains("```python\n"), "each piece is opened: " + c.text());
            assertTrue(c.text().endsWith("\n```"), "each piece is closed");
            assertBalancedFences(c.text(), "chunk " + c.chunkIndex());
        }
        String all = out.stream().map(Chunk::text).collect(Collectors.joining("\n"));
        for (String line : lines) {
            assertTrue(all.contains(line + "\n"), "line kept whole: " + line);
        }
    }

    @Test
    void aSingleOverlongLineIsCutOnTokensWithNothingLost() {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            line.append("token").append(i).append(' ');
        }
        String text = line.toString().strip();
        List<Chunk> out = chunker.chunk(List.of(section(List.of("Wide"), text)), 0);
        assertTrue(out.size() >= 3, "chunks: " + out.size());
        assertEquals(text, out.stream().map(Chunk::text).collect(Collectors.joining()), "the pieces put back are the line");
        for (Chunk c : out.subList(0, out.size() - 1)) {
            assertTrue(c.tokens() <= 512 && c.tokens() > 480, "pieces fill the window: " + c.tokens());
        }
    }

    /** A run without spaces is one unknown token to the tokenizer: the window in characters cuts it. */
    @Test
    void aLineWithoutSpacesIsCutByCharactersWithNothingLost() {
        StringBuilder line = new StringBuilder();
        for (int i = 0; line.length() < 2_000_000; i++) {
            line.append((char) ('a' + i % 26));
        }
        String text = line.toString();
        assertTrue(tokenizer.countTokens(text) < 8, "the tokenizer sees it as (almost) nothing: " + tokenizer.countTokens(text));
        int maxChars = 512 * Chunker.MAX_CHARS_PER_TOKEN;
        List<Chunk> out = chunker.chunk(List.of(section(List.of("Line"), "Intro.\n\n" + text)), 0);
        assertTrue(out.size() >= text.length() / maxChars, "chunks: " + out.size());
        for (Chunk c : out) {
            assertTrue(c.text().length() <= maxChars, "chunk " + c.chunkIndex() + " has " + c.text().length() + " characters");
            assertTrue(c.tokens() <= 512);
        }
        assertEquals("Intro.", out.get(0).text());
        assertEquals(text, out.stream().skip(1).map(Chunk::text).collect(Collectors.joining()), "the pieces put back are the line");
    }

    @Test
    void anUnclosedFenceOverTheWholeTextIsSplitAndReFenced() {
        StringBuilder code = new StringBuilder("```python\n");
        for (int i = 0; code.length() < 300_000; i++) {
            code.append("value_").append(i).append(" = compute(alpha, beta)  # line ").append(i).append('\n');
        }
        List<Chunk> out = chunker.chunk(List.of(section(List.of("Fence"), code.toString())), 0);
        assertTrue(out.size() > 50, "chunks: " + out.size());
        for (Chunk c : out) {
            assertTrue(c.tokens() <= 512 && c.text().length() <= 512 * Chunker.MAX_CHARS_PER_TOKEN);
            assertTrue(c.text().startsWith("```python\n"), "each piece is opened: " + c.text().lines().findFirst());
        }
        String all = out.stream().map(Chunk::text).collect(Collectors.joining("\n"));
        assertTrue(all.contains("value_0 = ") && all.contains("value_4000 = "), "the first and a late line are kept");
    }

    /** A hostile fence line (megabytes of info string) is not copied into every piece of its block. */
    @Test
    void aHugeFenceLineIsNotRepeatedInEveryPiece() {
        String open = "```" + "x".repeat(100_000);
        StringBuilder text = new StringBuilder(open).append('\n');
        for (int i = 0; i < 3000; i++) {
            text.append("line ").append(i).append(" of the code\n");
        }
        text.append("```");
        List<Chunk> out = chunker.chunk(List.of(section(List.of("Fence"), text.toString())), 0);
        long total = out.stream().mapToLong(c -> c.text().length()).sum();
        assertTrue(total < 2L * text.length(), "output " + total + " for " + text.length() + " characters of input");
        assertTrue(out.stream().allMatch(c -> c.text().length() <= 512 * Chunker.MAX_CHARS_PER_TOKEN));
    }

    /** A megabyte heading (one token) must not be stored with each of its section's chunks. */
    @Test
    void aHugeHeadingIsCutInTheHeadingPathAndTitle() {
        String heading = "h".repeat(1_000_000);
        String body = "Some words about the widget. ".repeat(2000);
        List<Chunk> out = chunker.chunk(List.of(new Section(URL, heading, List.of("Doc", heading), body)), 0);
        assertTrue(out.size() > 5, "chunks: " + out.size());
        for (Chunk c : out) {
            assertTrue(c.headingPathText().length() <= 512 * Chunker.MAX_CHARS_PER_TOKEN / 4, "path: " + c.headingPathText().length());
            assertTrue(c.title().length() <= 512 * Chunker.MAX_CHARS_PER_TOKEN / 4, "title: " + c.title().length());
        }
    }

    private static Section section(List<String> path, String text) {
        return new Section(URL, path.get(path.size() - 1), path, text);
    }

    private static Chunk last(List<Chunk> chunks) {
        return chunks.get(chunks.size() - 1);
    }

    /** Every non-blank line of every section is in a chunk; a line over the window, word by word. */
    private static void assertCovered(List<Section> sections, List<Chunk> chunks, String where) {
        String all = chunks.stream().map(Chunk::text).collect(Collectors.joining("\n\u0000\n"));
        for (Section s : sections) {
            for (String line : s.text().split("\n")) {
                if (line.isBlank() || all.contains(line.stripTrailing())) {
                    continue;
                }
                for (String word : line.split("\\s+")) {
                    if (!all.contains(word)) {
                        fail(where + ": lost from section '" + s.title() + "': " + line);
                    }
                }
                assertTrue(tokenizer.countTokens(line) > 400, where + ": a line that fits was cut: " + line);
            }
        }
    }

    /** Every fence opened in a chunk is closed in the same chunk. */
    private static void assertBalancedFences(String text, String where) {
        String open = null;
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (open == null) {
                if (s.startsWith("```") || s.startsWith("~~~")) {
                    String run = s.replaceAll("^(`+|~+).*", "$1");
                    if (!(run.charAt(0) == '`' && s.substring(run.length()).contains("`"))) {
                        open = run;
                    }
                }
            } else if (closes(s, open)) {
                open = null;
            }
        }
        assertTrue(open == null, where + ": a fence is left open");
    }

    private static boolean closes(String strippedLine, String run) {
        return strippedLine.startsWith(run) && strippedLine.chars().allMatch(ch -> ch == run.charAt(0));
    }

    /** The doc split before each heading outside fenced code, heading paths as a parser builds them. */
    static List<Section> sections(Path doc) throws IOException {
        String url = doc.toUri().toString();
        List<Section> out = new ArrayList<>();
        List<String> path = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String fence = null;
        for (String line : Files.readString(doc).split("\n", -1)) {
            String s = line.strip();
            if (fence == null && (s.startsWith("```") || s.startsWith("~~~"))) {
                fence = s.replaceAll("^(`+|~+).*", "$1");
            } else if (fence != null && closes(s, fence)) {
                fence = null;
            } else if (fence == null && line.matches("#{1,6} .*")) {
                addSection(out, url, path, text);
                int level = line.indexOf(' ');
                while (path.size() >= level) {
                    path.remove(path.size() - 1);
                }
                path.add(line.substring(level + 1).replaceAll("\\s*\\{[^}]*}\\s*$", "").strip());
                continue;
            }
            text.append(line).append('\n');
        }
        addSection(out, url, path, text);
        return out;
    }

    private static void addSection(List<Section> out, String url, List<String> path, StringBuilder text) {
        if (!text.toString().isBlank() || !path.isEmpty()) {
            String title = path.isEmpty() ? url.substring(url.lastIndexOf('/') + 1) : path.get(path.size() - 1);
            out.add(new Section(url, title, List.copyOf(path), text.toString()));
        }
        text.setLength(0);
    }
}
