package deadzone.chunk;

/**
 * Counts tokens the way the embedding model will see them. The chunker depends on this and not
 * on the embedder itself, so it can be driven by the real tokenizer without loading ONNX Runtime.
 */
public interface TokenCounter {
    /** The model's window, special tokens included. */
    int maxTokens();

    /** Tokens the model would see for this document text, special tokens included, never truncated. */
    int countTokens(String text);
}
