package deadzone.embed;

/**
 * Texts of similar length run through the model together: {@code ids[r]} are the token ids of
 * the text at position {@code positions[r]} of the caller's list; rows are padded to {@code length}.
 */
public record TokenBatch(int[] positions, long[][] ids, int length) {
    public int size() {
        return positions.length;
    }

    public long paddedTokens() {
        return (long) length * positions.length;
    }
}
