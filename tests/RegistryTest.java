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
import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.Kind;
import deadzone.artifact.ModelPin;
import deadzone.godoc.GoPackageUrl;
import deadzone.registry.MatrixJson;
import deadzone.registry.Registry;
import deadzone.registry.RegistryException;
import deadzone.registry.ResolvedEntry;
import deadzone.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import support.CliRun;
import support.Project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule of docs/registry.md, accepted and rejected, through the loader and through ListLibs. */
class RegistryTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private List<ResolvedEntry> resolve(String yaml) throws IOException {
        return Registry.resolve(write("r.yaml", yaml), ModelPin.DEFAULT);
    }

    // ---- accepted shapes ----

    @Test
    void singleVersionEntryResolvesWithEmptyVersionAndRefSubstituted() throws IOException {
        List<ResolvedEntry> entries = resolve("""
            libraries:
              - lib_id: /anomalyco/opencode
                kind: github-md
                ref: d312c677c588
                description: "An AI coding agent"
                urls:
                  - https://raw.githubusercontent.com/anomalyco/opencode/{ref}/README.md
                  - https://example.org/static.md
            """);
        assertEquals(1, entries.size());
        ResolvedEntry e = entries.get(0);
        assertEquals("", e.version());
        assertEquals("anomalyco_opencode", e.slug());
        assertEquals(Kind.GITHUB_MD, e.kind());
        assertEquals("d312c677c588", e.ref());
        assertEquals("An AI coding agent", e.description());
        assertEquals(List.of("https://raw.githubusercontent.com/anomalyco/opencode/d312c677c588/README.md",
            "https://example.org/static.md"), e.urls());
        assertEquals("artifact-anomalyco_opencode-" + e.fingerprint(), e.cacheKey());
        assertEquals("artifacts/anomalyco_opencode", e.cachePath());
    }

    @Test
    void versionsMappingKeepsDeclarationOrderAndPerVersionRefs() throws IOException {
        List<ResolvedEntry> entries = resolve("""
            libraries:
              - lib_id: /modelcontextprotocol/go-sdk
                kind: github-md
                versions:
                  "1.5": { ref: v1.5.0 }
                  "1.4": { ref: v1.4.1 }
                  "1.10": { ref: v1.10.2 }
                urls:
                  - https://raw.githubusercontent.com/modelcontextprotocol/go-sdk/{ref}/README.md
            """);
        assertEquals(List.of("1.5", "1.4", "1.10"), entries.stream().map(ResolvedEntry::version).toList());
        assertEquals("modelcontextprotocol_go-sdk_1.4", entries.get(1).slug());
        assertEquals("https://raw.githubusercontent.com/modelcontextprotocol/go-sdk/v1.10.2/README.md",
            entries.get(2).urls().get(0));
    }

    @Test
    void perVersionUrlsReplaceTopLevelListAndTopLevelRefIsInherited() throws IOException {
        List<ResolvedEntry> entries = resolve("""
            libraries:
              - lib_id: /hashicorp/terraform
                kind: github-md
                ref: 9c479db1ab97
                urls: ["https://x.test/{ref}/shared.md"]
                versions:
                  "1.13":
                    urls:
                      - https://x.test/{ref}/v1.13.x/a.mdx
                      - https://x.test/{ref}/v1.13.x/b.mdx
                  "1.14":
                  "1.15": { ref: other }
            """);
        assertEquals(List.of("https://x.test/9c479db1ab97/v1.13.x/a.mdx", "https://x.test/9c479db1ab97/v1.13.x/b.mdx"),
            entries.get(0).urls());
        assertEquals(List.of("https://x.test/9c479db1ab97/shared.md"), entries.get(1).urls());
        assertEquals(List.of("https://x.test/other/shared.md"), entries.get(2).urls());
        assertEquals("other", entries.get(2).ref());
    }

    @Test
    void topLevelUrlsMayBeEmptyWhenEveryVersionHasItsOwn() throws IOException {
        List<ResolvedEntry> entries = resolve("""
            libraries:
              - lib_id: /a/b
                kind: github-rst
                ref: main
                versions:
                  "1": { urls: ["https://x.test/{ref}/one.rst"] }
                  "2": { urls: ["https://x.test/{ref}/two.rst"] }
            """);
        assertEquals(2, entries.size());
    }

    @Test
    void everyKindIsAcceptedAndRefTextIsKeptAsWritten() throws IOException {
        List<ResolvedEntry> entries = resolve("""
            libraries:
              - { lib_id: /a/md, kind: github-md, urls: [https://x.test/a.md] }
              - { lib_id: /a/rst, kind: github-rst, urls: [https://x.test/a.rst] }
              - { lib_id: /a/html, kind: html, urls: [https://x.test/a.html] }
              - { lib_id: /a/agent, kind: scrape-via-agent, ref: 3.10, urls: ["https://x.test/{ref}/a.html"] }
              - { lib_id: /a/std, kind: godoc, ref: go1.26.2, urls: ["https://api.github.com/repos/golang/go/contents/src/net/url?ref={ref}"] }
              - { lib_id: /a/mod, kind: godoc, urls: ["https://proxy.golang.org/github.com/!azure/go-autorest/@v/v14.2.0+incompatible.zip"] }
            """);
        assertEquals(List.of(Kind.GITHUB_MD, Kind.GITHUB_RST, Kind.HTML, Kind.SCRAPE_VIA_AGENT, Kind.GODOC, Kind.GODOC),
            entries.stream().map(ResolvedEntry::kind).toList());
        assertEquals("https://x.test/3.10/a.html", entries.get(3).urls().get(0));
        assertEquals("https://api.github.com/repos/golang/go/contents/src/net/url?ref=go1.26.2", entries.get(4).urls().get(0));
    }

    @Test
    void godocUrlsNameThePackageAndItsPageOnPkgGoDev() {
        GoPackageUrl.ContentsDirectory std = (GoPackageUrl.ContentsDirectory)
            GoPackageUrl.parse("https://api.github.com/repos/golang/go/contents/src/net/url?ref=go1.26.2");
        assertEquals("net/url", std.importPath());
        assertEquals("https://pkg.go.dev/net/url@go1.26.2", std.docsPage());
        assertTrue(std.allowsDownloadFrom("https://raw.githubusercontent.com/golang/go/go1.26.2/src/net/url/url.go"));
        assertTrue(std.allowsDownloadFrom("https://API.github.com:443/x.go"), "the listing's own host");
        assertFalse(std.allowsDownloadFrom("http://raw.githubusercontent.com/golang/go/go1.26.2/src/net/url/url.go"), "not over http");
        assertFalse(std.allowsDownloadFrom("https://objects.githubusercontent.com/x.go"));
        assertFalse(std.allowsDownloadFrom("https://evil.test/url.go"));
        assertFalse(std.allowsDownloadFrom("https://user@raw.githubusercontent.com/x.go"));
        assertFalse(std.allowsDownloadFrom("file:///etc/passwd"));

        GoPackageUrl.ContentsDirectory repo = (GoPackageUrl.ContentsDirectory)
            GoPackageUrl.parse("http://127.0.0.1:8080/api/repos/pacer-dev/pacer/contents/cadence?ref=v0.4.0");
        assertEquals("github.com/pacer-dev/pacer/cadence", repo.importPath());
        assertEquals("https://pkg.go.dev/github.com/pacer-dev/pacer/cadence@v0.4.0", repo.docsPage());
        assertTrue(repo.allowsDownloadFrom("http://127.0.0.1:8080/raw/pacer-dev/pacer/v0.4.0/cadence/doc.go"));
        assertFalse(repo.allowsDownloadFrom("http://127.0.0.1:8081/raw/doc.go"), "another port is another host");

        GoPackageUrl.ProxyZip zip = (GoPackageUrl.ProxyZip)
            GoPackageUrl.parse("https://proxy.golang.org/github.com/!azure/go-autorest/@v/v14.2.0+incompatible.zip");
        assertEquals("github.com/Azure/go-autorest", zip.importPath());
        assertEquals("https://pkg.go.dev/github.com/Azure/go-autorest@v14.2.0+incompatible", zip.docsPage());
        assertEquals(zip.url(), assertDoesNotThrow(zip::zipUrl), "escaped as the go command escapes it");
        assertEquals("https://proxy.golang.org/github.com/!azure/go-autorest/@v/v14.2.0+incompatible.zip",
            assertDoesNotThrow(((GoPackageUrl.ProxyZip) GoPackageUrl.parse(
                "https://proxy.golang.org/github.com/Azure/go-autorest/@v/v14.2.0+incompatible.zip"))::zipUrl));
    }

    @Test
    void seedRegistryResolvesToTheGoToolsTwentyThreeEntriesInOrder() {
        Path seed = Project.reference().resolve("libraries_sources.seed.yaml");
        CliRun run = CliRun.run(new ListLibs(), "--config", seed.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(1, run.stdout().lines().count(), "ListLibs prints exactly one line on stdout");
        JsonNode array = read(run.stdout());
        assertEquals(23, array.size());
        assertEquals("modelcontextprotocol_go-sdk_1.4", array.get(0).get("slug").asText());
        assertEquals("modelcontextprotocol_go-sdk_1.5", array.get(1).get("slug").asText());
        assertEquals("anomalyco_opencode", array.get(22).get("slug").asText());
        assertEquals("", array.get(22).get("version").asText());
        assertEquals("scaleway_scaleway-sdk-go_v1.0.0-beta.35", array.get(16).get("slug").asText());
        for (JsonNode e : array) {
            assertEquals(MatrixFields.FIELDS, fieldNames(e));
            assertEquals("artifact-" + e.get("slug").asText() + "-" + e.get("fingerprint").asText(), e.get("cache_key").asText());
            assertEquals("artifacts/" + e.get("slug").asText(), e.get("cache_path").asText());
        }
        // Versions of one library lend each other vectors: the one listed before, or after for the first.
        assertEquals("modelcontextprotocol_go-sdk_1.5", array.get(0).get("sibling_slug").asText());
        assertEquals(array.get(1).get("cache_key").asText(), array.get(0).get("sibling_cache_key").asText());
        assertEquals("artifacts/modelcontextprotocol_go-sdk_1.5", array.get(0).get("sibling_cache_path").asText());
        assertEquals("modelcontextprotocol_go-sdk_1.4", array.get(1).get("sibling_slug").asText());
        assertEquals("", array.get(22).get("sibling_slug").asText(), "a library with one version has no sibling");
        assertEquals("", array.get(22).get("sibling_cache_key").asText());
        assertEquals("", array.get(22).get("sibling_cache_path").asText());
    }

    @Test
    void projectRegistryHasEveryKind() {
        CliRun run = CliRun.run(new ListLibs(), "--config", Project.root().resolve("libraries_sources.yaml").toString());
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode array = read(run.stdout());
        List<String> kinds = stream(array).map(e -> e.get("kind").asText()).distinct().sorted().toList();
        assertEquals(List.of("github-md", "github-rst", "godoc", "html"), kinds);
        assertTrue(stream(array).anyMatch(e -> e.get("lib_id").asText().equals("/pallets/flask")));
        assertTrue(stream(array).anyMatch(e -> e.get("lib_id").asText().equals("/remkop/picocli")));
    }

    // ---- filters ----

    private static final String TWO_LIBS = """
        libraries:
          - lib_id: /fastapi/fastapi
            kind: github-md
            versions:
              "0.134": { ref: 0.134.0 }
              "0.135": { ref: 0.135.3 }
            urls: ["https://x.test/{ref}/index.md"]
          - { lib_id: /pallets/flask, kind: github-rst, ref: 3.1.3, urls: ["https://x.test/{ref}/api.rst"] }
        """;

    @Test
    void libFilterKeepsEveryVersionAndVersionFilterKeepsOne() throws IOException {
        Path file = write("two.yaml", TWO_LIBS);
        CliRun all = CliRun.run(new ListLibs(), "--config", file.toString(), "--lib", "/fastapi/fastapi");
        assertEquals(0, all.exitCode(), all.toString());
        assertEquals(List.of("0.134", "0.135"), stream(read(all.stdout())).map(e -> e.get("version").asText()).toList());
        CliRun one = CliRun.run(new ListLibs(), "--config", file.toString(), "--lib", "/fastapi/fastapi", "--version", "0.135");
        assertEquals(List.of("fastapi_fastapi_0.135"), stream(read(one.stdout())).map(e -> e.get("slug").asText()).toList());
        assertEquals("fastapi_fastapi_0.134", read(one.stdout()).get(0).get("sibling_slug").asText(),
            "the sibling comes from the whole registry, not from what the filter kept");
        CliRun single = CliRun.run(new ListLibs(), "--config", file.toString(), "--lib", "/pallets/flask");
        assertEquals(List.of("pallets_flask"), stream(read(single.stdout())).map(e -> e.get("slug").asText()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFilters")
    void filtersThatMatchNothingOrAreIncompleteExitTwo(String name, List<String> args, String expected) throws IOException {
        Path file = write("two.yaml", TWO_LIBS);
        List<String> all = new java.util.ArrayList<>(List.of("--config", file.toString()));
        all.addAll(args);
        CliRun run = CliRun.run(new ListLibs(), all.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("", run.stdout());
        assertOneLine(run, expected);
    }

    static Stream<Arguments> badFilters() {
        return Stream.of(
            Arguments.of("version without lib", List.of("--version", "0.135"), "--version needs --lib"),
            Arguments.of("unknown lib", List.of("--lib", "/nope/nope"), "no such library"),
            Arguments.of("lib without slash", List.of("--lib", "fastapi/fastapi"), "did you mean /fastapi/fastapi"),
            Arguments.of("unknown version", List.of("--lib", "/fastapi/fastapi", "--version", "9.9"), "its versions: 0.134, 0.135"),
            Arguments.of("batch size zero", List.of("--batch-size", "0"), "--batch-size must be at least 1"),
            Arguments.of("unknown option", List.of("--frobnicate"), "Unknown option"));
    }

    // ---- batching ----

    @Test
    void sixHundredEntriesInBatchesOf256MakeThreeBatchesInOrder() throws IOException {
        StringBuilder yaml = new StringBuilder("libraries:\n");
        for (int i = 0; i < 300; i++) {
            yaml.append("  - lib_id: /org/lib").append(i).append("\n    kind: github-md\n    versions:\n")
                .append("      \"1\": { ref: v1 }\n      \"2\": { ref: v2 }\n")
                .append("    urls: [\"https://x.test/{ref}/").append(i).append(".md\"]\n");
        }
        Path file = write("big.yaml", yaml.toString());
        CliRun run = CliRun.run(new ListLibs(), "--config", file.toString(), "--batch-size", "256");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode batches = read(run.stdout());
        assertEquals(3, batches.size());
        assertEquals(List.of(256, 256, 88), stream(batches).map(JsonNode::size).toList());
        List<String> slugs = stream(batches).flatMap(RegistryTest::stream).map(e -> e.get("slug").asText()).toList();
        assertEquals(600, slugs.size());
        assertEquals("org_lib0_1", slugs.get(0));
        assertEquals("org_lib0_2", slugs.get(1));
        assertEquals("org_lib128_1", slugs.get(256));
        assertEquals("org_lib299_2", slugs.get(599));
        CliRun flat = CliRun.run(new ListLibs(), "--config", file.toString());
        assertEquals(slugs, stream(read(flat.stdout())).map(e -> e.get("slug").asText()).toList());
        // The largest batch size there is: one batch, no overflow of the batch arithmetic.
        CliRun huge = CliRun.run(new ListLibs(), "--config", file.toString(), "--batch-size", "2147483647");
        assertEquals(0, huge.exitCode(), huge.toString());
        assertEquals(List.of(600), stream(read(huge.stdout())).map(JsonNode::size).toList());
    }

    // ---- fingerprints ----

    private static final String FP_BASE = """
        libraries:
          - lib_id: /a/one
            kind: github-md
            versions:
              "1.0": { ref: v1.0.0 }
            urls:
              - https://x.test/{ref}/a.md
              - https://x.test/{ref}/b.md
          - lib_id: /a/two
            kind: github-rst
            ref: main
            urls: ["https://x.test/{ref}/c.rst"]
        """;

    private Map<String, String> fingerprints(String yaml) throws IOException {
        return fingerprints(yaml, ModelPin.DEFAULT);
    }

    private Map<String, String> fingerprints(String yaml, EmbedderIdentity embedder) throws IOException {
        return Registry.resolve(write("fp.yaml", yaml), embedder).stream()
            .collect(Collectors.toMap(ResolvedEntry::slug, ResolvedEntry::fingerprint));
    }

    @Test
    void fingerprintsIgnoreOrderFormattingAndComments() throws IOException {
        Map<String, String> base = fingerprints(FP_BASE);
        String reordered = """
            # a comment
            libraries:
              - urls: ["https://x.test/{ref}/c.rst"]
                ref: "main"
                kind: 'github-rst'
                lib_id: /a/two
              - { lib_id: /a/one, kind: github-md, urls: ["https://x.test/{ref}/a.md", "https://x.test/{ref}/b.md"],
                  versions: { "1.0": { ref: v1.0.0 } } }
            """;
        assertEquals(base, fingerprints(reordered));
        assertEquals(16, base.get("a_two").length());
    }

    @Test
    void editingOneEntryChangesOnlyThatEntrysFingerprint() throws IOException {
        Map<String, String> base = fingerprints(FP_BASE);
        Map<String, String> urlEdited = fingerprints(FP_BASE.replace("{ref}/b.md", "{ref}/b2.md"));
        assertNotEquals(base.get("a_one_1.0"), urlEdited.get("a_one_1.0"));
        assertEquals(base.get("a_two"), urlEdited.get("a_two"));

        Map<String, String> refEdited = fingerprints(FP_BASE.replace("ref: main", "ref: v2"));
        assertNotEquals(base.get("a_two"), refEdited.get("a_two"));
        assertEquals(base.get("a_one_1.0"), refEdited.get("a_one_1.0"));

        Map<String, String> urlOrder = fingerprints(FP_BASE.replace("{ref}/a.md", "{ref}/TMP.md")
            .replace("{ref}/b.md", "{ref}/a.md").replace("{ref}/TMP.md", "{ref}/b.md"));
        assertNotEquals(base.get("a_one_1.0"), urlOrder.get("a_one_1.0"), "url order is part of the entry");

        Map<String, String> described = fingerprints(FP_BASE.replace("ref: main", "ref: main\n    description: docs"));
        assertNotEquals(base.get("a_two"), described.get("a_two"), "the description is stored in the artifact");
    }

    @Test
    void changingTheModelPinChangesEveryFingerprint() throws IOException {
        Map<String, String> base = fingerprints(FP_BASE);
        EmbedderIdentity d = ModelPin.DEFAULT;
        EmbedderIdentity otherFile = new EmbedderIdentity(d.modelName(), "0".repeat(64), d.pooling(),
            d.queryPrefix(), d.documentPrefix(), d.maxTokens(), d.dimensions());
        EmbedderIdentity otherPooling = new EmbedderIdentity(d.modelName(), d.modelSha256(), "mean",
            d.queryPrefix(), d.documentPrefix(), d.maxTokens(), d.dimensions());
        for (EmbedderIdentity other : List.of(otherFile, otherPooling)) {
            Map<String, String> changed = fingerprints(FP_BASE, other);
            for (String slug : base.keySet()) {
                assertNotEquals(base.get(slug), changed.get(slug), slug + " with " + other.canonical());
            }
        }
    }

    // ---- malformed registries: exit 2, one line, no stack trace ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedRegistryExitsTwoWithOneLine(String name, String yaml, String expected) throws IOException {
        Path file = write("bad.yaml", yaml);
        CliRun run = CliRun.run(new ListLibs(), "--config", file.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("", run.stdout(), "nothing on stdout when the registry is bad");
        assertOneLine(run, expected);
        assertTrue(run.errorLines().contains(file.toString()), "the message names the file: " + run);
        RegistryException direct = assertThrows(RegistryException.class, () -> Registry.resolve(file, ModelPin.DEFAULT));
        assertFalse(direct.getMessage().contains("\n"));
    }

    static Stream<Arguments> malformed() {
        String ok = "    kind: github-md\n    urls: [https://x.test/a.md]\n";
        return Stream.of(
            Arguments.of("invalid YAML", "libraries:\n  - lib_id: /a/b\n    kind: [unclosed\n", "invalid YAML"),
            Arguments.of("tab indentation", "libraries:\n\t- lib_id: /a/b\n", "invalid YAML"),
            Arguments.of("empty file", "", "empty"),
            Arguments.of("top level is a list", "- lib_id: /a/b\n", "top level must be a mapping"),
            Arguments.of("no libraries key", "libs: []\n", "'libraries:' is missing"),
            Arguments.of("libraries empty", "libraries: []\n", "'libraries:' is empty"),
            Arguments.of("libraries not a list", "libraries: {a: 1}\n", "must be a list"),
            Arguments.of("entry not a mapping", "libraries:\n  - just-a-string\n", "entry 0: each entry must be a mapping"),
            Arguments.of("missing lib_id", "libraries:\n  - kind: github-md\n    urls: [https://x.test/a.md]\n", "entry 0: lib_id: is required"),
            Arguments.of("lib_id without slash", "libraries:\n  - lib_id: a/b\n" + ok, "entry 0 (a/b): lib_id: must start with '/'"),
            Arguments.of("lib_id trailing slash", "libraries:\n  - lib_id: /a/b/\n" + ok, "lib_id: must not end with '/'"),
            Arguments.of("lib_id is a list", "libraries:\n  - lib_id: [/a]\n" + ok, "lib_id: must be a single value"),
            Arguments.of("missing kind", "libraries:\n  - lib_id: /a/b\n    urls: [https://x.test/a.md]\n", "entry 0 (/a/b): kind: is required"),
            Arguments.of("unknown kind", "libraries:\n  - lib_id: /a/b\n    kind: gitlab-md\n    urls: [https://x.test/a]\n",
                "kind: unknown kind 'gitlab-md'; valid kinds: github-md, github-rst, html, scrape-via-agent, godoc"),
            Arguments.of("godoc url of neither shape", "libraries:\n  - lib_id: /a/b\n    kind: godoc\n    urls: [https://x.test/a]\n",
                "urls[0]: 'https://x.test/a' is not a godoc source; use a GitHub Contents API directory "
                    + "(…/repos/<owner>/<repo>/contents/<path>?ref=<ref>) or a Go module proxy zip (…/<module>/@v/<version>.zip)"),
            Arguments.of("godoc raw file url", "libraries:\n  - lib_id: /a/b\n    kind: godoc\n    ref: go1.26.2\n"
                + "    urls: [\"https://raw.githubusercontent.com/golang/go/{ref}/src/errors/errors.go\"]\n",
                "urls[0]: 'https://raw.githubusercontent.com/golang/go/{ref}/src/errors/errors.go' is not a godoc source"),
            Arguments.of("godoc listing without ref", "libraries:\n  - lib_id: /a/b\n    kind: godoc\n"
                + "    urls: [https://api.github.com/repos/golang/go/contents/src/errors]\n",
                "urls[0]: 'https://api.github.com/repos/golang/go/contents/src/errors' lists a GitHub directory without ?ref=; "
                    + "pin it to a tag or commit"),
            Arguments.of("godoc listing of a directory no import path can name", "libraries:\n  - lib_id: /a/b\n    kind: godoc\n"
                + "    urls: [\"https://api.github.com/repos/o/r/contents/a/../b?ref=v1\"]\n",
                "names a directory that cannot be a Go import path (o/r/a/../b)"),
            Arguments.of("godoc zip of a bad module path", "libraries:\n  - lib_id: /a/b\n    kind: godoc\n"
                + "    urls: [https://proxy.golang.org/nodot/x/@v/v1.0.0.zip]\n",
                "urls[0]: 'https://proxy.golang.org/nodot/x/@v/v1.0.0.zip' is not a module proxy zip: invalid module path "
                    + "\"nodot/x\": missing dot in first path element"),
            Arguments.of("godoc version url without the shape", "libraries:\n  - lib_id: /a/b\n    kind: godoc\n"
                + "    versions: {\"1\": {ref: v1, urls: [\"https://x.test/{ref}/a.go\"]}}\n",
                "versions.1.urls[0]: 'https://x.test/{ref}/a.go' is not a godoc source"),
            Arguments.of("missing urls", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n", "urls: must list at least one url"),
            Arguments.of("empty urls", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    urls: []\n", "urls: must list at least one url"),
            Arguments.of("urls not a list", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    urls: https://x.test/a.md\n", "urls: must be a list"),
            Arguments.of("blank url", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    urls: [\"  \"]\n", "urls[0]: is blank"),
            Arguments.of("null url", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    urls: [https://x.test/a.md, ~]\n", "urls[1]: is blank"),
            Arguments.of("url is a mapping", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    urls: [{u: 1}]\n", "urls[0]: must be a single value"),
            Arguments.of("{ref} without ref", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "uses {ref} but the entry has no 'ref:'"),
            Arguments.of("{version} placeholder", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: {\"1\": {ref: v1}}\n    urls: [\"https://x.test/{version}/a.md\"]\n",
                "uses {version}, which is not supported; use {ref}"),
            Arguments.of("ref with whitespace", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    ref: v 1\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "ref: 'v 1' must not contain whitespace"),
            Arguments.of("ref containing {ref}", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    ref: \"x{ref}\"\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "must not contain {ref}"),
            Arguments.of("ref containing {version}", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    ref: \"{version}\"\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "uses {version}"),
            Arguments.of("versions as a list", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: [\"1.4\", \"1.5\"]\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "versions: the list form is not supported; use a mapping"),
            Arguments.of("versions empty mapping", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: {}\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "versions: is empty"),
            Arguments.of("versions a string", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: \"1.4\"\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "versions: must be a mapping"),
            Arguments.of("version value a string", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: {\"1.4\": v1.4.1}\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "versions.1.4: must be a mapping"),
            Arguments.of("version name with whitespace", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: {\"1 4\": {ref: v1}}\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "must not contain whitespace"),
            Arguments.of("version name with slash", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: {\"1/4\": {ref: v1}}\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "must not contain '/'"),
            Arguments.of("version name empty", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: {\"\": {ref: v1}}\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "a version name is empty"),
            Arguments.of("version without any ref", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: {\"1.4\": {}}\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "versions.1.4.ref: version '1.4' has no ref"),
            Arguments.of("versioned url without {ref}", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: {\"1.4\": {ref: v1}}\n    urls: [\"https://x.test/a.md\"]\n",
                "lacks {ref}"),
            Arguments.of("per-version empty url list", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    ref: main\n    versions: {\"1.4\": {urls: []}}\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "versions.1.4.urls: is an empty list"),
            Arguments.of("per-version null url list", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    ref: main\n    versions:\n      \"1.4\":\n        urls:\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "versions.1.4.urls: is empty"),
            Arguments.of("versions without any urls", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: {\"1.4\": {ref: v1}}\n",
                "version '1.4' has no urls"),
            Arguments.of("duplicate version name", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions:\n      \"1.4\": {ref: v1}\n      \"1.4\": {ref: v2}\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "version '1.4' is listed twice"),
            Arguments.of("duplicate field", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    kind: html\n    urls: [https://x.test/a.md]\n",
                "'kind' appears twice"),
            Arguments.of("duplicate slug", "libraries:\n  - lib_id: /a/b\n" + ok + "  - lib_id: /a/b\n" + ok,
                "entry 1 (/a/b): lib_id: slug 'a_b' is already used by entry 0 (/a/b)"),
            Arguments.of("slug clash across spellings", "libraries:\n  - lib_id: /a/b_c\n" + ok + "  - lib_id: /a/b/c\n" + ok,
                "slug 'a_b_c' is already used by entry 0 (/a/b_c)"),
            Arguments.of("url with a space", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    urls: [\"https://x.test/has space.md\"]\n",
                "urls[0]: 'https://x.test/has space.md' is not a valid url"),
            Arguments.of("url without http", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    urls: [\"ftp://x.test/a.md\"]\n",
                "is not an http(s) url with a host"),
            Arguments.of("relative url", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    urls: [docs/a.md]\n",
                "is not an http(s) url with a host"),
            Arguments.of("description is a list", "libraries:\n  - lib_id: /a/b\n    description: [x]\n" + ok, "description: must be a single value"),
            // A lib_id names a folder and a cache key: each of its segments must be a plain folder name.
            Arguments.of("lib_id /..", "libraries:\n  - lib_id: /..\n" + ok, "entry 0 (/..): lib_id: segment '..' is not allowed"),
            Arguments.of("lib_id /.", "libraries:\n  - lib_id: /.\n" + ok, "lib_id: segment '.' is not allowed"),
            Arguments.of("lib_id with .. inside", "libraries:\n  - lib_id: /a/../b\n" + ok, "lib_id: segment '..' is not allowed"),
            Arguments.of("lib_id with an empty segment", "libraries:\n  - lib_id: /a//b\n" + ok, "lib_id: has an empty segment"),
            Arguments.of("lib_id with NUL", "libraries:\n  - lib_id: \"/a/b\\0c\"\n" + ok,
                "entry 0 (/a/b\\u0000c): lib_id: contains the unprintable character U+0000"),
            Arguments.of("lib_id with ESC", "libraries:\n  - lib_id: \"/a/\\e[31mred\"\n" + ok, "lib_id: contains the unprintable character U+001B"),
            Arguments.of("lib_id with a bidi override", "libraries:\n  - lib_id: \"/a/\\u202Eb\"\n" + ok, "unprintable character U+202E"),
            Arguments.of("lib_id with a backslash", "libraries:\n  - lib_id: /a\\b\n" + ok, "lib_id: must not contain '\\'"),
            Arguments.of("lib_id of 300 characters", "libraries:\n  - lib_id: /" + "a".repeat(300) + "\n" + ok,
                "lib_id: the slug 'aaaa"),
            Arguments.of("slug over 200 bytes with its version", "libraries:\n  - lib_id: /" + "é".repeat(96) + "\n    kind: github-md\n"
                + "    versions: {\"1.0.0-rc1\": {ref: v1}}\n    urls: [\"https://x.test/{ref}/a.md\"]\n",
                "versions.1.0.0-rc1: the slug '"),
            Arguments.of("version name with ESC", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    versions: {\"1\\e\": {ref: v1}}\n"
                + "    urls: [\"https://x.test/{ref}/a.md\"]\n", "contains the unprintable character U+001B"),
            Arguments.of("10,000-deep flow nesting", "libraries:\n  - lib_id: /a/b\n    kind: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n",
                "bad.yaml:3: invalid YAML: nested more than 64 levels deep"),
            Arguments.of("1,000-deep block nesting", "libraries:\n" + deepBlock(1_000), "invalid YAML: nested more than 64 levels deep"));
    }

    private static String deepBlock(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 1; i <= depth; i++) {
            yaml.append(" ".repeat(i)).append("-\n");
        }
        return yaml.toString();
    }

    @Test
    void missingFileIsAUsageError() {
        CliRun run = CliRun.run(new ListLibs(), "--config", dir.resolve("nope.yaml").toString());
        assertEquals(2, run.exitCode());
        assertOneLine(run, "registry file not found");
    }

    @Test
    void aRegistryThatIsNotUtf8NamesTheByteToFixAndSaysSaveItAsUtf8() throws IOException {
        String yaml = "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    description: Crème\n    urls: [https://x.test/a.md]\n";
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, yaml.getBytes(StandardCharsets.ISO_8859_1));
        CliRun run = CliRun.run(new ListLibs(), "--config", file.toString());
        assertEquals(2, run.exitCode(), run.toString());
        int offset = yaml.indexOf('è');
        assertOneLine(run, file + ": not UTF-8: the byte at offset " + offset + " (line 4) is not valid UTF-8; save it as UTF-8");
        Files.write(file, yaml.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, CliRun.run(new ListLibs(), "--config", file.toString()).exitCode(), "the same file saved as UTF-8");
    }

    @Test
    void unknownFieldIsIgnoredWithAWarningLikeTheGoTool() throws IOException {
        Path file = write("typo.yaml", "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    url: x\n    urls: [https://x.test/a.md]\n");
        CliRun run = CliRun.run(new ListLibs(), "--config", file.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("unknown field 'url' ignored"), run.toString());
        assertEquals(1, read(run.stdout()).size());
    }

    // ---- helpers ----

    private static void assertOneLine(CliRun run, String expected) {
        String lines = run.errorLines();
        assertEquals(1, lines.lines().count(), "exactly one error line, got:\n" + run);
        assertTrue(lines.contains(expected), "expected '" + expected + "' in: " + lines);
        assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run);
        assertFalse(run.stderr().contains("Exception"), "no exception names: " + run);
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static java.util.Set<String> fieldNames(JsonNode node) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static final class MatrixFields {
        static final java.util.Set<String> FIELDS = new java.util.LinkedHashSet<>(MatrixJson.FIELDS);
    }
}
