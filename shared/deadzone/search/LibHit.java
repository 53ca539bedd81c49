package deadzone.search;

/** One library (a lib_id and version) of a library ranking, with its size and its score for the query. */
public record LibHit(String libId, String version, String kind, String description, int docCount, int chunkCount,
                     double score) {
}
