package deadzone.scrape;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vectors already computed with this run's embedder, by the hash of the exact model input:
 * from the previous artifact, from other versions' artifacts of the same library, and from
 * what this run embedded. A text is never embedded twice (docs/pipeline.md, "Reuse").
 */
public final class VectorReuse {
    private final Map<String, float[]> byInput = new ConcurrentHashMap<>();

    public void addAll(Map<String, float[]> vectors) {
        byInput.putAll(vectors);
    }

    public void add(String inputKey, float[] vector) {
        byInput.put(inputKey, vector);
    }

    public float[] get(String inputKey) {
        return byInput.get(inputKey);
    }

    public int size() {
        return byInput.size();
    }
}
