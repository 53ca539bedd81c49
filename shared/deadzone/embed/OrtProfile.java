//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.embed;

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.util.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an embedder's time went, read from ONNX Runtime's profile (a JSON array of trace events,
 * one "Node" event per operator run, named NODE_kernel_time, with its op_name and duration in
 * microseconds): kernel time per operator type, heaviest first, and the share of the int8 matrix
 * multiplications, which a faster runtime cannot shrink without changing the arithmetic.
 */
public record OrtProfile(List<OpTime> ops, long runs) {

    /** The operators that multiply int8 matrices (fused by ORT or not). */
    public static final Set<String> INT8_MATMULS = Set.of("MatMulInteger", "DynamicQuantizeMatMul",
        "MatMulIntegerToFloat", "QGemm", "QLinearMatMul", "QAttention", "MatMulNBits");

    /** The float matrix multiplications: in an int8 BERT, the attention scores and their weighted sum. */
    public static final Set<String> FLOAT_MATMULS = Set.of("MatMul", "FusedMatMul", "Gemm", "Attention",
        "MultiHeadAttention");

    public record OpTime(String op, long micros, long calls) {
    }

    public static OrtProfile read(Path file) throws IOException {
        JsonNode events = Json.MAPPER.readTree(file.toFile());
        if (events == null || !events.isArray()) {
            throw new IOException(file + ": not an ONNX Runtime profile (expected a JSON array of trace events)");
        }
        Map<String, long[]> byOp = new LinkedHashMap<>();
        long runs = 0;
        for (JsonNode e : events) {
            String cat = e.path("cat").asText();
            String name = e.path("name").asText();
            if (cat.equals("Session") && name.equals("model_run")) {
                runs++;
            } else if (cat.equals("Node") && name.endsWith("_kernel_time")) {
                long[] t = byOp.computeIfAbsent(e.path("args").path("op_name").asText("?"), k -> new long[2]);
                t[0] += e.path("dur").asLong();
                t[1]++;
            }
        }
        List<OpTime> ops = new ArrayList<>();
        byOp.forEach((op, t) -> ops.add(new OpTime(op, t[0], t[1])));
        ops.sort(Comparator.comparingLong(OpTime::micros).reversed().thenComparing(OpTime::op));
        return new OrtProfile(List.copyOf(ops), runs);
    }

    public long totalMicros() {
        return ops.stream().mapToLong(OpTime::micros).sum();
    }

    /** The share of kernel time spent in the given operator types, 0 to 1. */
    public double share(Set<String> opTypes) {
        long total = totalMicros();
        long part = ops.stream().filter(o -> opTypes.contains(o.op())).mapToLong(OpTime::micros).sum();
        return total == 0 ? 0 : (double) part / total;
    }
}
