//DEPS org.snakeyaml:snakeyaml-engine:2.10
package deadzone.store;

import deadzone.util.AtomicFiles;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * artifacts/&lt;slug&gt;/state.yaml: the human-readable record of one scrape (what, with which
 * model, how many docs and chunks, what was skipped and why, which run). RestoreCaches reads
 * {@code run_id} and {@code chunk_count} from it.
 */
public final class StateFile {
    public static final String FILE_NAME = "state.yaml";

    private StateFile() {
    }

    public static void write(Path file, Map<String, Object> state) throws IOException {
        AtomicFiles.writeString(file, render(state));
    }

    /** The file's text, for a caller that publishes it together with the artifact. */
    public static String render(Map<String, Object> state) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return "# Written by ScrapeLib; artifact.db beside it is the artifact itself.\n"
            + new Dump(settings).dumpToString(state);
    }

    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object loaded = new Load(LoadSettings.builder().build()).loadFromReader(reader);
            return loaded instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
