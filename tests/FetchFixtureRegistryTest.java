//SOURCES ../shared/deadzone/artifact/ArtifactLayout.java ../shared/deadzone/artifact/EmbedderIdentity.java
//SOURCES ../shared/deadzone/artifact/Kind.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/fetch/CappedBody.java ../shared/deadzone/fetch/DocumentText.java
//SOURCES ../shared/deadzone/fetch/FetchResult.java ../shared/deadzone/fetch/FetchSettings.java
//SOURCES ../shared/deadzone/fetch/Fetcher.java ../shared/deadzone/fetch/GitHubAuth.java
//SOURCES ../shared/deadzone/fetch/Validators.java
//SOURCES ../shared/deadzone/godoc/GoPackageUrl.java ../shared/deadzone/godoc/ModulePath.java
//SOURCES ../shared/deadzone/godoc/ModuleSourceException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/LibrarySpec.java
//SOURCES ../shared/deadzone/registry/Registry.java ../shared/deadzone/registry/RegistryException.java
//SOURCES ../shared/deadzone/registry/RegistryLoader.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/registry/Slugs.java ../shared/deadzone/registry/VersionSpec.java
//SOURCES ../shared/deadzone/util/Backoff.java ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/RetryAfter.java
//SOURCES ../shared/deadzone/util/RetryLoop.java ../shared/deadzone/util/Sleeper.java ../shared/deadzone/util/Utf8.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/FixtureRegistry.java support/Project.java

import deadzone.artifact.ModelPin;
import deadzone.fetch.DocumentText;
import deadzone.fetch.FetchResult;
import deadzone.fetch.FetchResult.Outcome;
import deadzone.fetch.FetchSettings;
import deadzone.fetch.Fetcher;
import deadzone.fetch.Validators;
import deadzone.registry.Registry;
import deadzone.registry.ResolvedEntry;
import deadzone.util.Sleeper;
import fakes.DocServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.FixtureRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixture corpus through the real fetch path: every registry url served, fetched and decoded. */
class FetchFixtureRegistryTest {
    @TempDir
    Path work;

    @Test
    void registryPointsAtTheServerAndEveryUrlFetchesAndDecodes() throws Exception {
        try (DocServer server = FixtureRegistry.server()) {
            Path registry = FixtureRegistry.write(work, server);
            assertEquals(work.resolve("libraries_sources.yaml"), registry);
            assertFalse(Files.readString(registry).contains(FixtureRegistry.FIXTURE_ORIGIN));

            List<ResolvedEntry> entries = Registry.resolve(registry, ModelPin.DEFAULT);
            assertEquals(List.of("modelcontextprotocol_go-sdk_1.4", "modelcontextprotocol_go-sdk_1.5",
                "fastapi_fastapi_0.134", "fastapi_fastapi_0.135", "pallets_flask", "remkop_picocli"),
                entries.stream().map(ResolvedEntry::slug).toList());

            Fetcher fetcher = new Fetcher(FetchSettings.defaults().withMaxAttempts(1), delay -> { });
            List<String> missing = new ArrayList<>();
            int decoded = 0;
            for (ResolvedEntry entry : entries) {
                for (String url : entry.urls()) {
                    assertTrue(url.startsWith(server.baseUrl() + "/"), url);
                    FetchResult r = fetcher.fetch(url);
                    if (r.outcome() == Outcome.MISSING) {
                        missing.add(entry.slug() + " " + url.substring(url.lastIndexOf('/') + 1));
                        continue;
                    }
                    assertEquals(Outcome.OK, r.outcome(), r.toString());
                    DocumentText text = DocumentText.decode(r, entry.kind());
                    assertTrue(text.isText(), url + ": " + text.reason());
                    decoded++;
                }
            }
            // The one known registry defect, in both FastAPI versions (see the fixture's header).
            assertEquals(List.of("fastapi_fastapi_0.134 background-tasks.md", "fastapi_fastapi_0.135 background-tasks.md"),
                missing);
            int urls = entries.stream().mapToInt(e -> e.urls().size()).sum();
            assertEquals(urls - 2, decoded);
            assertEquals(urls, server.requests().size(), "one request per url");
        }
    }

    @Test
    void conditionalRefetchOfTheCorpusIsAll304() {
        try (DocServer server = FixtureRegistry.server()) {
            List<ResolvedEntry> entries = Registry.resolve(FixtureRegistry.write(work, server), ModelPin.DEFAULT);
            ResolvedEntry flask = entries.stream().filter(e -> e.libId().equals("/pallets/flask")).findFirst().orElseThrow();
            Fetcher fetcher = new Fetcher(FetchSettings.defaults(), delay -> { });
            List<Validators> seen = new ArrayList<>();
            for (String url : flask.urls()) {
                FetchResult r = fetcher.fetch(url);
                seen.add(new Validators(r.etag(), r.lastModified()));
            }
            server.clearRequests();
            for (int i = 0; i < flask.urls().size(); i++) {
                assertEquals(Outcome.NOT_MODIFIED, fetcher.fetch(flask.urls().get(i), seen.get(i)).outcome());
            }
            assertTrue(server.requests().stream().allMatch(r -> r.status() == 304));
            assertEquals(flask.urls().size(), server.requests().size());
        }
    }
}
