package rehearsal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A context object whose properties are all known: reading one it does not hold is drift (a
 * matrix field ListLibs no longer emits, a step id or job that is gone), so it fails loudly
 * where GitHub would quietly give null.
 */
public final class StrictMap extends LinkedHashMap<String, Object> {
    private final String path;

    public StrictMap(String path) {
        this.path = path;
    }

    public StrictMap(String path, Map<String, ?> values) {
        this(path);
        putAll(values);
    }

    /** The expression path this object is reached by ({@code matrix.entry}), for error messages. */
    public String path() {
        return path;
    }
}
