package deadzone.search;

/** One library of a {@code --libs} answer. */
public record LibHit(String libId, String version, String kind, String description, int chunkCount, double score) {
}
