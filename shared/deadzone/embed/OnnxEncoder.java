//DEPS com.microsoft.onnxruntime:onnxruntime:1.23.2
package deadzone.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import deadzone.artifact.EmbedderIdentity;
import deadzone.error.UserException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * One ONNX Runtime session shared by the worker threads (OrtSession.run is thread-safe). Each
 * worker keeps its own direct input and output buffers, grown when needed and reused for every
 * batch, and ORT writes the hidden states straight into the worker's output buffer (a pinned
 * output), so a batch allocates no large Java arrays.
 */
final class OnnxEncoder implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final boolean wantsTokenTypes;
    private final String outputName;
    private final int dimensions;
    private final boolean meanPooling;
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    OnnxEncoder(ModelFiles files, EmbedderOptions options) {
        EmbedderIdentity id = files.identity();
        this.dimensions = id.dimensions();
        this.meanPooling = id.pooling().equals("mean");
        try (OrtSession.SessionOptions so = sessionOptions(options)) {
            this.session = env.createSession(files.model(), so);
        } catch (OrtException e) {
            throw new UserException(files.source() + ": not a model ONNX Runtime can load: " + firstLine(e.getMessage()));
        }
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (!inputs.containsKey("input_ids") || !inputs.containsKey("attention_mask")) {
                throw new UserException(files.source() + ": the model needs inputs input_ids and attention_mask, it has "
                    + inputs.keySet());
            }
            this.wantsTokenTypes = inputs.containsKey("token_type_ids");
            NodeInfo output = session.getOutputInfo().values().iterator().next();
            this.outputName = output.getName();
            long[] shape = output.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
            if (shape.length != 3 || (shape[2] > 0 && shape[2] != dimensions)) {
                throw new UserException(files.source() + ": the model's first output " + outputName + " must be"
                    + " [batch, tokens, " + dimensions + "] (hidden states for " + id.pooling() + " pooling), it is "
                    + java.util.Arrays.toString(shape));
            }
        } catch (OrtException e) {
            close();
            throw new UserException(files.source() + ": cannot inspect the model: " + firstLine(e.getMessage()));
        } catch (UserException e) {
            close();
            throw e;
        }
    }

    private static OrtSession.SessionOptions sessionOptions(EmbedderOptions o) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(o.intraOpThreads());
        so.setInterOpNumThreads(1);
        so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        so.setOptimizationLevel(switch (o.optLevel()) {
            case "none" -> OrtSession.SessionOptions.OptLevel.NO_OPT;
            case "basic" -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
            case "extended" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
            default -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
        });
        so.setMemoryPatternOptimization(o.memoryPattern());
        so.setCPUArenaAllocator(o.cpuArena());
        so.addConfigEntry("session.intra_op.allow_spinning", o.spinning() ? "1" : "0");
        so.addConfigEntry("session.inter_op.allow_spinning", o.spinning() ? "1" : "0");
        if (o.profileDir() != null) {
            so.enableProfiling(o.profileDir().resolve("ort").toString()); // ORT appends a timestamp and .json
        }
        return so;
    }

    /** Runs one batch and returns its pooled, L2-normalised vectors in batch row order. */
    float[][] encode(TokenBatch batch) throws OrtException {
        Buffers b = buffers.get();
        run(batch, b);
        int length = batch.length();
        float[][] vectors = new float[batch.size()][];
        for (int r = 0; r < batch.size(); r++) {
            float[] v = new float[dimensions];
            int rowBase = r * length * dimensions;
            if (meanPooling) {
                int tokens = batch.ids()[r].length;
                for (int t = 0; t < tokens; t++) {
                    int base = rowBase + t * dimensions;
                    for (int d = 0; d < dimensions; d++) {
                        v[d] += b.output.get(base + d);
                    }
                }
                for (int d = 0; d < dimensions; d++) {
                    v[d] /= tokens;
                }
            } else {
                b.output.get(rowBase, v); // CLS: the first token's hidden state
            }
            vectors[r] = normalise(v);
        }
        return vectors;
    }

    /** Stops ORT's profiling (enabled through EmbedderOptions.profileDir) and returns its file. */
    java.nio.file.Path endProfiling() throws OrtException {
        return java.nio.file.Path.of(session.endProfiling());
    }

    /** The session run alone, for the raw-throughput baseline: same buffers, no pooling. */
    void runOnly(TokenBatch batch) throws OrtException {
        run(batch, buffers.get());
    }

    private void run(TokenBatch batch, Buffers b) throws OrtException {
        int rows = batch.size();
        int length = batch.length();
        b.fill(batch, dimensions);
        long[] shape = {rows, length};
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        try (OnnxTensor ids = OnnxTensor.createTensor(env, b.ids, shape);
             OnnxTensor mask = OnnxTensor.createTensor(env, b.mask, shape);
             OnnxTensor types = wantsTokenTypes ? OnnxTensor.createTensor(env, b.types, shape) : null;
             OnnxTensor out = OnnxTensor.createTensor(env, b.output, new long[] {rows, length, dimensions})) {
            inputs.put("input_ids", ids);
            inputs.put("attention_mask", mask);
            if (types != null) {
                inputs.put("token_type_ids", types);
            }
            session.run(inputs, Map.of(outputName, out)).close(); // the result only refers to our pinned buffer
        }
    }

    static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float inv = sum > 0 ? (float) (1.0 / Math.sqrt(sum)) : 0f;
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException ignored) {
            // closing is best effort: the process is usually about to end
        }
    }

    /** A worker's reusable direct buffers, sized to the largest batch seen so far. */
    private static final class Buffers {
        LongBuffer ids = LongBuffer.allocate(0);
        LongBuffer mask;
        LongBuffer types;
        FloatBuffer output;

        void fill(TokenBatch batch, int dimensions) {
            int rows = batch.size();
            int length = batch.length();
            int cells = rows * length;
            if (ids.capacity() < cells) {
                int capacity = Math.max(cells, 1024);
                ids = directLongs(capacity);
                mask = directLongs(capacity);
                types = directLongs(capacity); // stays all zeros: single-segment input
                output = ByteBuffer.allocateDirect(capacity * dimensions * Float.BYTES)
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
            }
            ids.clear();
            mask.clear();
            for (int r = 0; r < rows; r++) {
                long[] row = batch.ids()[r];
                ids.put(row);
                for (int t = 0; t < row.length; t++) {
                    mask.put(1L);
                }
                for (int t = row.length; t < length; t++) {
                    ids.put(0L);
                    mask.put(0L);
                }
            }
            ids.flip();
            mask.flip();
            types.clear().limit(cells);
            output.clear().limit(cells * dimensions);
        }

        private static LongBuffer directLongs(int n) {
            return ByteBuffer.allocateDirect(n * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        }
    }
}
