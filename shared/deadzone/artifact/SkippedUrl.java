package deadzone.artifact;

/** A url that gave no document, and why (reported in state.yaml and the logs). */
public record SkippedUrl(String url, String reason) {
}
