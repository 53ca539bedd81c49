package deadzone.chunk;

import deadzone.parse.HeadingPath;

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
        return HeadingPath.join(headingPath);
    }

    /** What the model sees: the heading path as a context header, then the text. */
    public String embeddingInput() {
        return embeddingInput(headingPathText(), text);
    }

    /** What the model sees for {@code text} under the heading path {@code header}: the one composition. */
    public static String embeddingInput(String header, String text) {
        return header.isEmpty() ? text : header + "\n\n" + text;
    }
}
