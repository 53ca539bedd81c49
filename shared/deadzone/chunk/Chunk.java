package deadzone.chunk;

import java.util.List;

/**
 * A piece of a section small enough for the model's window: the unit that is embedded, stored
 * as one {@code docs} row and returned by search. {@code docIndex} is the url's position in the
 * entry, {@code chunkIndex} the chunk's position within that url, so chunks can be put back in
 * document order.
 */
public record Chunk(
    String url,
    String title,
    List<String> headingPath,
    String text,
    int tokens,
    int docIndex,
    int chunkIndex) {

    public String headingPathText() {
        return String.join(" > ", headingPath);
    }

    /** What the model sees: the heading path as a context header, then the text. */
    public String embeddingInput() {
        String header = headingPathText();
        return header.isEmpty() ? text : header + "\n\n" + text;
    }
}
