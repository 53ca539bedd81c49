//SOURCES ../scripts/ListLibs.java
//SOURCES ../shared/deadzone/artifact/ArtifactLayout.java ../shared/deadzone/artifact/EmbedderIdentity.java
//SOURCES ../shared/deadzone/artifact/Kind.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/HelpOption.java
//SOURCES ../shared/deadzone/cli/LibSelection.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/cli/RegistryOptions.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/godoc/GoPackageUrl.java ../shared/deadzone/godoc/ModulePath.java
//SOURCES ../shared/deadzone/godoc/ModuleSourceException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/LibrarySpec.java
//SOURCES ../shared/deadzone/registry/MatrixJson.java ../shared/deadzone/registry/Registry.java
//SOURCES ../shared/deadzone/registry/RegistryException.java ../shared/deadzone/registry/RegistryLoader.java
//SOURCES ../shared/deadzone/registry/ResolvedEntry.java ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/registry/VersionSpec.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java ../shared/deadzone/util/Utf8.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/CliRun.java support/Project.java support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.util.Json;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;
import support.CliRun;
import support.Project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListLibsTest {
    /**
     * The Go tool's whole current registry, its 186 godoc entries included, resolves to exactly
     * its entries: every (lib_id, version) the file lists, in its order, under the documented slug.
     */
    @Test
    void headRegistryResolvesToEveryEntryItLists() throws Exception {
        Path head = Project.reference().resolve("libraries_sources.head.yaml");
        CliRun run = CliRun.run(new ListLibs(), "--config", head.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(1, run.stdout().lines().count(), "one line of JSON");
        List<JsonNode> matrix = new ArrayList<>();
        Json.MAPPER.readTree(run.stdout()).forEach(matrix::add);

        List<String> expectedSlugs = new ArrayList<>();
        List<String> expectedKinds = new ArrayList<>();
        for (Map<String, Object> lib : libraries(head)) {
            String libId = (String) lib.get("lib_id");
            String base = libId.substring(1).replace('/', '_');
            @SuppressWarnings("unchecked")
            Map<Object, Object> versions = (Map<Object, Object>) lib.get("versions");
            if (versions == null) {
                expectedSlugs.add(base);
                expectedKinds.add((String) lib.get("kind"));
            } else {
                for (Object v : versions.keySet()) {
                    expectedSlugs.add(base + "_" + v);
                    expectedKinds.add((String) lib.get("kind"));
                }
            }
        }
        assertEquals(253, expectedSlugs.size(), "the file lists 253 (lib_id, version) entries");
        assertEquals(expectedSlugs, matrix.stream().map(e -> e.get("slug").asText()).toList());
        assertEquals(expectedKinds, matrix.stream().map(e -> e.get("kind").asText()).toList());
        List<JsonNode> godoc = matrix.stream().filter(e -> e.get("kind").asText().equals("godoc")).toList();
        assertEquals(186, godoc.size(), "the Go standard library, one entry per package");
        assertTrue(godoc.stream().allMatch(e -> e.get("lib_id").asText().startsWith("/golang/go/") && e.get("url_count").asInt() == 1));
        assertEquals("golang_go_archive_tar", godoc.get(0).get("slug").asText());
    }

    /** The file's entries as plain YAML, every scalar a string as written (a version "1.10" stays "1.10"). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> libraries(Path registry) throws Exception {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().setSchema(new FailsafeSchema()).build())
            .loadFromString(Files.readString(registry));
        return (List<Map<String, Object>>) root.get("libraries");
    }
}
