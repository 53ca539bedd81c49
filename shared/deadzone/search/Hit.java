package deadzone.search;

/** One snippet of a search answer: where it comes from (lib, version, url, heading path) and its text. */
public record Hit(
    long id,
    String libId,
    String version,
    String url,
    String title,
    String headingPath,
    String content,
    int docIndex,
    int chunkIndex,
    double score,
    java.util.List<String> alsoInVersions) {

    public Hit(long id, String libId, String version, String url, String title, String headingPath, String content,
               int docIndex, int chunkIndex, double score) {
        this(id, libId, version, url, title, headingPath, content, docIndex, chunkIndex, score, java.util.List.of());
    }

    /** The same snippet, noting that other versions of the library have the very same text. */
    public Hit withAlsoIn(java.util.List<String> versions) {
        return new Hit(id, libId, version, url, title, headingPath, content, docIndex, chunkIndex, score, versions);
    }

    public Hit withScore(double newScore) {
        return new Hit(id, libId, version, url, title, headingPath, content, docIndex, chunkIndex, newScore, alsoInVersions);
    }

    public Hit withContent(String text, int firstChunk) {
        return new Hit(id, libId, version, url, title, headingPath, text, docIndex, firstChunk, score, alsoInVersions);
    }

    /** Characters per token, the usual rough figure for English text and code. */
    public static final int CHARS_PER_TOKEN = 4;

    public int approxTokens() {
        return (content.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** "lib_id", or "lib_id (version 1.5)", or "lib_id (versions 1.5, 1.4)" when the text is the same in several. */
    public String libLabel() {
        if (version.isEmpty()) {
            return libId;
        }
        return alsoInVersions.isEmpty() ? libId + " (version " + version + ")"
            : libId + " (versions " + version + ", " + String.join(", ", alsoInVersions) + ")";
    }
}
