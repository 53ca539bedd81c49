package support;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** An artifact's state.yaml as any reader of the file sees it: its keys and values (not the suite's own record of it). */
public final class StateYaml {
    private StateYaml() {
    }

    /** artifacts/&lt;slug&gt;/state.yaml. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path artifacts, String slug) {
        try {
            return (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(artifacts.resolve(slug).resolve("state.yaml"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int number(Map<String, Object> state, String key) {
        return ((Number) state.get(key)).intValue();
    }
}
