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
 * </ul>
 * The output depends only on the sections and the tokenizer: the same input gives the same chunks.
 */
public final class Chunker {
    public static final int DEFAULT_MIN_TOKENS = 64;
    public static final int DEFAULT_MAX_OVERLAP_TOKENS = 64;

    private final TokenCounter counter;
    private final int maxTokens;
    private final int minTokens;
    private final int maxOverlap;

    public Chunker(TokenCounter counter) {
        this(counter, DEFAULT_MIN_TOKENS, DEFAULT_MAX_OVERLAP_TOKENS);
    }

    public Chunker(TokenCounter counter, int minTokens, int maxOverlapTokens) {
        this.counter = counter;
        this.maxTokens = counter.maxTokens();
        this.minTokens = minTokens;
        this.maxOverlap = maxOverlapTokens;
    }

    /** The chunks of one document, {@code chunkIndex} counting from 0 within it. */
    public List<Chunk> chunk(List<Section> sections, int docIndex) {
        List<Chunk> chunks = new ArrayList<>();
        for (Section section : mergeTiny(sections)) {
            List<String> headingPath = boundedHeadingPath(section.headingPath());
            String header = HeadingPath.join(headingPath);
            String text = BlankLines.trim(section.text());
            if (text.isBlank()) {
                continue;
            }
            int whole = counter.countTokens(Chunk.embeddingInput(header, text));
            List<String> pieces = whole <= maxTokens ? List.of(text)
                : new SectionSplitter(counter, maxOverlap, header, text).split();
            for (String piece : pieces) {
                int tokens = pieces.size() == 1 ? whole : counter.countTokens(Chunk.embeddingInput(header, piece));
                chunks.add(new Chunk(section.url(), section.title(), headingPath, piece, tokens, docIndex, chunks.size()));
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

    private int tokens(Section s) {
        return counter.countTokens(Chunk.embeddingInput(HeadingPath.join(boundedHeadingPath(s.headingPath())),
            BlankLines.trim(s.text())));
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
     * A heading path whose header would eat more than a quarter of the window keeps only its last
     * heading (cut short if need be): the header is context, the text is what must fit.
     */
    private List<String> boundedHeadingPath(List<String> path) {
        int budget = maxTokens / 4;
        if (path.isEmpty() || counter.countTokens(HeadingPath.join(path)) <= budget) {
            return path;
        }
        String last = path.get(path.size() - 1);
        while (last.length() > 1 && counter.countTokens(last) > budget) {
            last = last.substring(0, last.length() / 2);
        }
        return List.of(last);
    }
}
