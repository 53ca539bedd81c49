package deadzone.chunk;

import deadzone.parse.BlankLines;
import deadzone.parse.HeadingPath;
import deadzone.parse.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the ordered sections of one document into chunks that fit the model's window, special
 * tokens and heading-path header included, so the embedder never has to truncate (docs/pipeline.md).
 *
 * <ul>
 *   <li>A tiny section (under {@code minTokens}) merges with the section after it when the result
 *       fits; the merged chunk keeps the first heading path and carries the next section's heading
 *       as a markdown heading line, so no heading is lost. A tiny last section merges backwards.</li>
 *   <li>A section over the window is split by {@link SectionSplitter}: paragraphs, then lines, then
 *       within a line; fenced code is only split when one block alone is over the window, and each
 *       piece of it is re-fenced.</li>
 *   <li>Every character of every section's text is in at least one chunk (plus the fence and
 *       heading lines added as above). Sections with blank text and nothing to merge with are dropped.</li>
 *   <li>The window is also a bound in characters ({@link #MAX_CHARS_PER_TOKEN} per token): a tokenizer
 *       reads a long run without spaces as one unknown token, so a megabyte line would otherwise be one
 *       "small" chunk. Text over that bound is never tokenized whole; it is split.</li>
 * </ul>
 * The output depends only on the sections and the tokenizer: the same input gives the same chunks.
 */
public final class Chunker {
    public static final int DEFAULT_MIN_TOKENS = 64;
    public static final int DEFAULT_MAX_OVERLAP_TOKENS = 64;
    /**
     * Characters a chunk may hold per token of the window: twice the densest real text measured (code
     * indented with long runs of spaces, 8.5 characters a token), so only text a tokenizer cannot see
     * (a run without spaces is one unknown token) is cut by it.
     */
    public static final int MAX_CHARS_PER_TOKEN = 16;

    private final TokenCounter counter;
    private final int maxTokens;
    private final int maxChars;
    private final int minTokens;
    private final int maxOverlap;

    public Chunker(TokenCounter counter) {
        this(counter, DEFAULT_MIN_TOKENS, DEFAULT_MAX_OVERLAP_TOKENS);
    }

    public Chunker(TokenCounter counter, int minTokens, int maxOverlapTokens) {
        this.counter = counter;
        this.maxTokens = counter.maxTokens();
        this.maxChars = maxTokens * MAX_CHARS_PER_TOKEN;
        this.minTokens = minTokens;
        this.maxOverlap = maxOverlapTokens;
    }

    /** The chunks of one document, {@code chunkIndex} counting from 0 within it. */
    public List<Chunk> chunk(List<Section> sections, int docIndex) {
        List<Chunk> chunks = new ArrayList<>();
        for (Section section : mergeTiny(sections)) {
            List<String> headingPath = boundedHeadingPath(section.headingPath());
            // A title cut short in the heading path is stored cut short as well (it is stored with every chunk).
            String title = section.title().length() <= maxChars / 4 || headingPath.isEmpty()
                ? section.title() : headingPath.get(headingPath.size() - 1);
            String header = HeadingPath.join(headingPath);
            String text = BlankLines.trim(section.text());
            if (text.isBlank()) {
                continue;
            }
            int whole = text.length() > maxChars ? Integer.MAX_VALUE : counter.countTokens(Chunk.embeddingInput(header, text));
            List<String> pieces = whole <= maxTokens ? List.of(text)
                : new SectionSplitter(counter, maxChars, maxOverlap, header, text).split();
            for (String piece : pieces) {
                int tokens = pieces.size() == 1 ? whole : counter.countTokens(Chunk.embeddingInput(header, piece));
                chunks.add(new Chunk(section.url(), title, headingPath, piece, tokens, docIndex, chunks.size()));
            }
        }
        return chunks;
    }

    private List<Section> mergeTiny(List<Section> sections) {
        List<Section> out = new ArrayList<>();
        Section pending = null;
        int pendingTokens = 0;
        for (Section next : sections) {
            if (pending != null && pendingTokens < minTokens) {
                Section merged = merge(pending, next);
                int tokens = tokens(merged);
                if (tokens <= maxTokens) {
                    pending = merged;
                    pendingTokens = tokens;
                    continue;
                }
            }
            if (pending != null) {
                out.add(pending);
            }
            pending = next;
            pendingTokens = tokens(next);
        }
        if (pending != null) {
            if (pendingTokens < minTokens && !out.isEmpty()) {
                Section merged = merge(out.get(out.size() - 1), pending);
                if (tokens(merged) <= maxTokens) {
                    out.set(out.size() - 1, merged);
                    return out;
                }
            }
            out.add(pending);
        }
        return out;
    }

    /** The section's tokens as one chunk; over the window (without counting) when it is over the character bound. */
    private int tokens(Section s) {
        String text = BlankLines.trim(s.text());
        if (text.length() > maxChars) {
            return Integer.MAX_VALUE;
        }
        return counter.countTokens(Chunk.embeddingInput(HeadingPath.join(boundedHeadingPath(s.headingPath())), text));
    }

    /** The length of the joined heading path, without joining a path that may hold a megabyte heading. */
    private static long joinedLength(List<String> path) {
        long length = (long) HeadingPath.SEPARATOR.length() * (path.size() - 1);
        for (String heading : path) {
            length += heading.length();
        }
        return length;
    }

    /** {@code first} with {@code second}'s heading and text appended. */
    private static Section merge(Section first, Section second) {
        StringBuilder text = new StringBuilder(BlankLines.trim(first.text()));
        List<String> path = second.headingPath();
        if (!path.isEmpty()) {
            appendParagraph(text, "#".repeat(Math.min(6, path.size())) + " " + path.get(path.size() - 1));
        }
        appendParagraph(text, BlankLines.trim(second.text()));
        return new Section(first.url(), first.title(), first.headingPath(), text.toString());
    }

    private static void appendParagraph(StringBuilder text, String paragraph) {
        if (paragraph.isBlank()) {
            return;
        }
        if (text.length() > 0) {
            text.append("\n\n");
        }
        text.append(paragraph);
    }

    /**
     * A heading path whose header would eat more than a quarter of the window (in tokens or in
     * characters) keeps only its last heading (cut short if need be): the header is context, the
     * text is what must fit.
     */
    private List<String> boundedHeadingPath(List<String> path) {
        int budget = maxTokens / 4;
        int charBudget = maxChars / 4;
        if (path.isEmpty() || joinedLength(path) <= charBudget && counter.countTokens(HeadingPath.join(path)) <= budget) {
            return path;
        }
        String last = path.get(path.size() - 1);
        if (last.length() > charBudget) {
            last = last.substring(0, charBudget);
        }
        while (last.length() > 1 && counter.countTokens(last) > budget) {
            last = last.substring(0, last.length() / 2);
        }
        return List.of(last);
    }
}
