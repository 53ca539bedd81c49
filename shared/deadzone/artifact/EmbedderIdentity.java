package deadzone.artifact;

/**
 * Everything about an embedding model that changes the vectors it produces. Recorded in every
 * database and part of every fingerprint; databases of different identities are never mixed.
 */
public record EmbedderIdentity(
    String modelName,
    String modelSha256,
    String pooling,
    String queryPrefix,
    String documentPrefix,
    int maxTokens,
    int dimensions) {

    /** One canonical string: what the fingerprint hashes and what {@code meta} stores. */
    public String canonical() {
        return String.join("|", modelName, "sha256:" + modelSha256, "pooling:" + pooling,
            "query:" + queryPrefix, "document:" + documentPrefix, "max_tokens:" + maxTokens,
            "dims:" + dimensions);
    }
}
