//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/Project.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.util.Json;
import org.junit.jupiter.api.Test;
import support.Project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog names every script, each alias builds, and scripts can run from a remote catalog. */
class CatalogTest {
    private static final Path ROOT = Project.root();
    private static final Pattern DEPS = Pattern.compile("^//DEPS\\s+(\\S+)", Pattern.MULTILINE);

    private static JsonNode aliases() throws IOException {
        return Json.MAPPER.readTree(ROOT.resolve("jbang-catalog.json").toFile()).get("aliases");
    }

    @Test
    void everyScriptHasAnAliasAndEveryAliasAnExistingScript() throws IOException {
        Set<String> referenced = new TreeSet<>();
        aliases().fields().forEachRemaining(e -> {
            String ref = e.getValue().get("script-ref").asText();
            assertTrue(Files.isRegularFile(ROOT.resolve(ref)), e.getKey() + " -> missing " + ref);
            assertTrue(e.getValue().hasNonNull("description"), e.getKey() + " has a description");
            referenced.add(ref);
        });
        Set<String> scripts = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("scripts"))) {
            files.forEach(f -> scripts.add("scripts/" + f.getFileName()));
        }
        assertTrue(referenced.containsAll(scripts), "scripts without an alias: " + scripts);
        assertTrue(referenced.contains("tests/RunTests.java"), "a 'test' alias runs the suite");
        assertEquals(8, scripts.size() + 1, "seven scripts and the test runner: " + scripts);
    }

    /**
     * Globs expand to nothing when a script runs from a remote catalog. (That each header names
     * exactly the files the script needs is SourcesTest's.)
     */
    @Test
    void scriptsNameTheirSourcesExplicitly() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("scripts"))) {
            for (Path script : files.toList()) {
                for (String line : Files.readAllLines(script)) {
                    if (line.startsWith("//SOURCES")) {
                        assertFalse(line.contains("*"), script.getFileName() + " uses a glob: " + line);
                    }
                }
            }
        }
    }

    /** One version of each dependency across the suite (README.md, "Conventions": pinned, the same everywhere). */
    @Test
    void everyDependencyIsPinnedToOneVersion() throws IOException {
        java.util.Map<String, Set<String>> versions = new java.util.TreeMap<>();
        List<Path> sources = new ArrayList<>();
        for (String dir : List.of("scripts", "shared", "tests", "bench", "tools")) {
            if (Files.isDirectory(ROOT.resolve(dir))) {
                try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        for (Path source : sources) {
            List<String> boms = new ArrayList<>();
            List<String> versionless = new ArrayList<>();
            Matcher m = DEPS.matcher(Files.readString(source));
            while (m.find()) {
                String[] gav = m.group(1).split(":");
                if (gav.length >= 3) {
                    versions.computeIfAbsent(gav[0] + ":" + gav[1], k -> new TreeSet<>()).add(gav[2]);
                    if (gav[2].endsWith("@pom")) {
                        boms.add(gav[0]);
                    }
                } else {
                    versionless.add(m.group(1));
                }
            }
            // A versionless dependency takes its version from a BOM of its family declared in the same
            // file, so the file brings its pin wherever it is included.
            for (String dep : versionless) {
                assertTrue(boms.stream().anyMatch(bom -> dep.startsWith(bom + ":") || dep.startsWith(bom + ".")),
                    source + ": " + dep + " has no version and no BOM of its family beside it");
            }
        }
        versions.forEach((ga, vs) -> assertEquals(1, vs.size(), ga + " is declared with several versions: " + vs));
        assertTrue(versions.containsKey("info.picocli:picocli"), versions.keySet().toString());
    }

    @Test
    void everyAliasBuildsWithJBang() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        aliases().fieldNames().forEachRemaining(aliases::add);
        for (String alias : aliases) {
            Process p = new ProcessBuilder(ROOT.resolve("jbang").toString(), "build", alias)
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), alias + " build timed out");
            if (p.exitValue() != 0) {
                failures.add(alias + ":\n" + out);
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(aliases.size() >= 7, aliases.toString());
    }
}
