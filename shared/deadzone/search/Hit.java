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
    double score) {

    /** Characters per token, the usual rough figure for English text and code. */
    public static final int CHARS_PER_TOKEN = 4;

    public int approxTokens() {
        return (content.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    public String libLabel() {
        return version.isEmpty() ? libId : libId + "@" + version;
    }
}
