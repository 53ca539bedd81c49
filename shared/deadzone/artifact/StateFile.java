//DEPS org.snakeyaml:snakeyaml-engine:2.10
package deadzone.artifact;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * artifacts/&lt;slug&gt;/state.yaml, the human-readable record of one scrape ({@link ScrapeState}):
 * the one place that spells its keys, writing and reading.
 */
public final class StateFile {
    private StateFile() {
    }

    public static void write(Path file, ScrapeState state) throws IOException {
        AtomicFiles.writeString(file, render(state));
    }

    /** The file's text, for a caller that publishes it together with the artifact. */
    public static String render(ScrapeState s) {
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("lib_id", s.libId());
        yaml.put("version", s.version());
        yaml.put("kind", s.kind());
        yaml.put("ref", s.ref() == null ? "" : s.ref());
        yaml.put("fingerprint", s.fingerprint());
        yaml.put("cache_key", s.cacheKey());
        yaml.put("schema_version", Integer.valueOf(s.identity().schemaVersion()));
        yaml.put("pipeline_version", Integer.valueOf(s.identity().pipelineVersion()));
        yaml.put("embedder", s.identity().embedder());
        yaml.put("url_count", s.urlCount());
        yaml.put("doc_count", s.docCount());
        yaml.put("chunk_count", s.chunkCount());
        yaml.put("chunks_embedded", s.chunksEmbedded());
        yaml.put("chunks_reused", s.chunksReused());
        yaml.put("urls_not_modified", s.urlsNotModified());
        List<Map<String, String>> skipped = new ArrayList<>();
        for (SkippedUrl u : s.skipped()) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("url", u.url());
            item.put("reason", u.reason());
            skipped.add(item);
        }
        yaml.put("skipped", skipped);
        // Fresh lists: the dumper writes one list object met twice (two empty ones) as an anchor and an alias.
        yaml.put("include_problems", new ArrayList<>(s.includeProblems()));
        yaml.put("stale_urls", new ArrayList<>(s.staleUrls()));
        yaml.put("created_at", s.createdAt());
        yaml.put("updated_at", s.updatedAt());
        yaml.put("run_id", s.runId());
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return "# Written by ScrapeLib; artifact.db beside it is the artifact itself.\n"
            + new Dump(settings).dumpToString(yaml);
    }

    /**
     * The state of an artifact folder's file, or empty when it is absent or not YAML. Lenient: a
     * field that is missing or of another type (a hand-edited file) reads as empty or 0.
     */
    public static Optional<ScrapeState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Object loaded;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded = new Load(LoadSettings.builder().build()).loadFromReader(reader);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (!(loaded instanceof Map<?, ?> yaml)) {
            return Optional.empty();
        }
        List<SkippedUrl> skipped = new ArrayList<>();
        for (Object item : list(yaml.get("skipped"))) {
            if (item instanceof Map<?, ?> m) {
                skipped.add(new SkippedUrl(text(m.get("url")), text(m.get("reason"))));
            }
        }
        return Optional.of(new ScrapeState(text(yaml.get("lib_id")), text(yaml.get("version")), text(yaml.get("kind")),
            text(yaml.get("ref")), text(yaml.get("fingerprint")), text(yaml.get("cache_key")),
            new ArtifactIdentity(textOrNull(yaml.get("schema_version")), textOrNull(yaml.get("pipeline_version")),
                textOrNull(yaml.get("embedder"))),
            number(yaml.get("url_count")), number(yaml.get("doc_count")), number(yaml.get("chunk_count")),
            number(yaml.get("chunks_embedded")), number(yaml.get("chunks_reused")), number(yaml.get("urls_not_modified")),
            skipped, list(yaml.get("include_problems")).stream().map(StateFile::text).toList(),
            list(yaml.get("stale_urls")).stream().map(StateFile::text).toList(),
            text(yaml.get("created_at")), text(yaml.get("updated_at")), text(yaml.get("run_id"))));
    }

    // run_id is written as a string, but a hand-edited file may hold a bare number.
    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String textOrNull(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
