//DEPS org.snakeyaml:snakeyaml-engine:2.10
package rehearsal;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registry texts for the scenarios: a trimmed copy of a registry, and the edits that change one
 * library's fingerprint. Edits go through the YAML structure, not the text, so only the value
 * meant to change changes (the fingerprint does not depend on formatting).
 */
public final class RegistryEdits {
    private RegistryEdits() {
    }

    /** Only the libraries in {@code keep}, each with at most that many urls (top-level and per version). */
    public static String trimmed(String yaml, Map<String, Integer> keep) {
        Map<String, Object> root = load(yaml);
        List<Object> kept = new ArrayList<>();
        for (Map<String, Object> lib : libraries(root)) {
            Integer max = keep.get(String.valueOf(lib.get("lib_id")));
            if (max == null) {
                continue;
            }
            cut(lib, max);
            if (lib.get("versions") instanceof Map<?, ?> versions) {
                versions.values().forEach(v -> {
                    if (v instanceof Map<?, ?> spec) {
                        cut(cast(spec), max);
                    }
                });
            }
            kept.add(lib);
        }
        if (kept.size() != keep.size()) {
            throw new IllegalArgumentException("the registry lacks some of " + keep.keySet());
        }
        root.put("libraries", kept);
        return dump(root);
    }

    /** {@code libId}'s description set to {@code description}: its fingerprint changes, its documents do not. */
    public static String withDescription(String yaml, String libId, String description) {
        Map<String, Object> root = load(yaml);
        library(root, libId).put("description", description);
        return dump(root);
    }

    public static String description(String yaml, String libId) {
        Object d = library(load(yaml), libId).get("description");
        return d == null ? "" : d.toString();
    }

    /** The library to edit when none is named: the first without versions, else the first. */
    public static String defaultEditTarget(String yaml) {
        List<Map<String, Object>> libs = libraries(load(yaml));
        if (libs.isEmpty()) {
            throw new IllegalArgumentException("the registry has no libraries");
        }
        return String.valueOf(libs.stream().filter(l -> l.get("versions") == null).findFirst().orElse(libs.get(0))
            .get("lib_id"));
    }

    /**
     * The longest common prefix, up to a '/', of every url of {@code libId} (cut at the first
     * {@code {ref}}): a prefix under which only this library's documents are served.
     */
    public static String urlPrefix(String yaml, String libId) {
        Map<String, Object> lib = library(load(yaml), libId);
        List<String> urls = new ArrayList<>(strings(lib.get("urls")));
        if (lib.get("versions") instanceof Map<?, ?> versions) {
            versions.values().forEach(v -> {
                if (v instanceof Map<?, ?> spec) {
                    urls.addAll(strings(spec.get("urls")));
                }
            });
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(libId + " has no urls");
        }
        String prefix = null;
        for (String url : urls) {
            String u = url.contains("{ref}") ? url.substring(0, url.indexOf("{ref}")) : url;
            prefix = prefix == null ? u : common(prefix, u);
        }
        return prefix.substring(0, prefix.lastIndexOf('/') + 1);
    }

    public static List<String> libIds(String yaml) {
        return libraries(load(yaml)).stream().map(l -> String.valueOf(l.get("lib_id"))).toList();
    }

    private static void cut(Map<String, Object> spec, int max) {
        if (spec.get("urls") instanceof List<?> urls && urls.size() > max) {
            spec.put("urls", new ArrayList<>(urls.subList(0, max)));
        }
    }

    private static String common(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }

    private static List<String> strings(Object o) {
        return o instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static Map<String, Object> library(Map<String, Object> root, String libId) {
        return libraries(root).stream().filter(l -> libId.equals(String.valueOf(l.get("lib_id")))).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("the registry has no library " + libId
                + " (it has " + libraries(root).stream().map(l -> l.get("lib_id")).toList() + ")"));
    }

    private static List<Map<String, Object>> libraries(Map<String, Object> root) {
        if (!(root.get("libraries") instanceof List<?> list)) {
            throw new IllegalArgumentException("the registry has no libraries: list");
        }
        return list.stream().filter(Map.class::isInstance).map(o -> cast((Map<?, ?>) o)).toList();
    }

    private static Map<String, Object> load(String yaml) {
        Object root = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the registry is not a YAML mapping");
        }
        return cast(map);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String dump(Map<String, Object> root) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
            .dumpToString(new LinkedHashMap<>(root));
    }
}
