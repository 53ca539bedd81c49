//SOURCES ../scripts/Consolidate.java ../scripts/DbRelease.java
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/chunk/Chunk.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/ListLibsInput.java
//SOURCES ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/github/ChecksumFile.java ../shared/deadzone/github/GitHubApiException.java
//SOURCES ../shared/deadzone/github/GitHubClient.java ../shared/deadzone/github/GitHubFailures.java
//SOURCES ../shared/deadzone/github/GitHubReleases.java ../shared/deadzone/github/GitHubRepo.java
//SOURCES ../shared/deadzone/github/GitHubToken.java ../shared/deadzone/github/OriginRemote.java
//SOURCES ../shared/deadzone/github/PreviousManifest.java ../shared/deadzone/github/Release.java
//SOURCES ../shared/deadzone/github/ReleaseAsset.java ../shared/deadzone/github/ReleasePublisher.java
//SOURCES ../shared/deadzone/github/RestoreReportCheck.java ../shared/deadzone/github/RetryPolicy.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/MatrixJson.java
//SOURCES ../shared/deadzone/registry/ResolvedEntry.java ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/release/DiffReport.java ../shared/deadzone/release/EntryKey.java
//SOURCES ../shared/deadzone/release/Manifest.java ../shared/deadzone/release/ManifestEntry.java
//SOURCES ../shared/deadzone/release/ManifestFile.java ../shared/deadzone/release/MarkdownTable.java
//SOURCES ../shared/deadzone/release/ReleaseDiff.java ../shared/deadzone/release/ReleaseNotes.java
//SOURCES ../shared/deadzone/release/ShrinkGate.java
//SOURCES ../shared/deadzone/store/ArtifactCheck.java ../shared/deadzone/store/ArtifactContent.java
//SOURCES ../shared/deadzone/store/ArtifactWriter.java ../shared/deadzone/store/Consolidator.java
//SOURCES ../shared/deadzone/store/DatabaseCheck.java ../shared/deadzone/store/ManifestBuilder.java
//SOURCES ../shared/deadzone/store/SourceRecord.java ../shared/deadzone/store/Sqlite.java
//SOURCES ../shared/deadzone/store/StoredChunk.java ../shared/deadzone/store/StoredGoFile.java
//SOURCES ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/StepSummary.java ../shared/deadzone/util/Trees.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/FakeGitHubApi.java ../tools/fakes/Fixtures.java
//SOURCES DbReleaseTest.java
//SOURCES support/CliRun.java support/Project.java support/SyntheticArtifacts.java support/UserFacingLines.java

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deadzone.registry.MatrixJson;
import deadzone.registry.ResolvedEntry;
import deadzone.release.ReleaseNotes;
import deadzone.util.Trees;
import fakes.FakeGitHubApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.SyntheticArtifacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release-to-release diff, the shrink gate and the release notes, on databases Consolidate
 * built from real artifacts, published to the fake Releases API (docs/workflow.md, "Reading the diff").
 */
class DbReleaseDiffTest {
    private static final String REPO = DbReleaseTest.REPO;
    private static final String TAG = DbReleaseTest.TAG;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    FakeGitHubApi fake;
    final List<Duration> sleeps = new ArrayList<>();
    Path artifacts;
    Path db;

    @BeforeEach
    void threeLibrariesPublishedOnce() throws Exception {
        fake = FakeGitHubApi.start(DbReleaseTest.Fixture.TOKEN, REPO);
        artifacts = dir.resolve("artifacts");
        db = dir.resolve("deadzone.db");
        SyntheticArtifacts.write(artifacts, "/acme/router", "1.0", 3, 40, 1);
        SyntheticArtifacts.write(artifacts, "/acme/router", "2.0", 3, 50, 2);
        SyntheticArtifacts.write(artifacts, "/other/lib", "", 2, 30, 3);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    // ---- the four kinds of publish

    @Test
    void theFirstPublishListsEveryEntryAsAdded() throws Exception {
        consolidate();
        CliRun run = publish(TAG);
        assertEquals(0, run.exitCode(), run.toString());

        JsonNode diff = diff();
        assertTrue(diff.path("first_publish").asBoolean(), diff.toString());
        assertEquals("the repository has no release yet", diff.path("baseline").path("source").asText());
        assertEquals(Map.of("added", 3, "removed", 0, "missing", 0, "changed", 0, "rebuilt", 0, "unchanged", 0), totals(diff));
        assertEquals("publish", diff.path("verdict").asText());
        assertTrue(summary().contains("First publish: the repository has no release yet, so all 3 entries are new (120 chunks)."),
            summary());
        assertEquals(3, JSON.readTree(run.stdout()).path("diff").path("added").asInt(), run.stdout());

        assertArrayEquals(Files.readAllBytes(dir.resolve("deadzone.manifest.json")), published().get("deadzone.manifest.json"));
        String body = body(TAG);
        assertTrue(body.startsWith(ReleaseNotes.BEGIN) && body.strip().endsWith(ReleaseNotes.END), body);
        assertTrue(body.contains("First publish"), body);
        assertTrue(body.contains("### Coverage\n\n| lib_id | version | kind | docs | chunks | scraped_at |\n"), body);
        assertTrue(body.contains("| /acme/router | 1.0 | github-md | 3 | 40 | 2026-11-27T00:00:00Z |\n"), body);
        assertTrue(body.contains("| /acme/router | 2.0 | github-md | 3 | 50 | 2026-11-27T00:00:00Z |\n"), body);
        assertTrue(body.contains("| /other/lib |  | github-md | 2 | 30 | 2026-11-27T00:00:00Z |\n"), body);
        assertTrue(body.contains("3 entries, 8 docs, 120 chunks in deadzone.db"), body);
    }

    @Test
    void anUnchangedRepublishHasAnEmptyDiffAndLeavesTheRestOfTheNotesAlone() throws Exception {
        consolidate();
        byte[] firstManifest = Files.readAllBytes(dir.resolve("deadzone.manifest.json"));
        assertEquals(0, publish(TAG).exitCode());
        long release = fake.releaseId(REPO, TAG).orElseThrow();
        fake.setBody(release, "Written by hand above.\n\n" + fake.body(release) + "\nWritten by hand below.\n");

        consolidate();
        assertArrayEquals(firstManifest, Files.readAllBytes(dir.resolve("deadzone.manifest.json")),
            "the same artifacts give the same manifest, byte for byte");
        CliRun run = publish(TAG);
        assertEquals(0, run.exitCode(), run.toString());

        JsonNode diff = diff();
        assertFalse(diff.path("first_publish").asBoolean());
        assertEquals("release `" + TAG + "`", diff.path("baseline").path("source").asText());
        assertEquals(diff.path("database_sha256").asText(), diff.path("baseline").path("database_sha256").asText());
        assertEquals(Map.of("added", 0, "removed", 0, "missing", 0, "changed", 0, "rebuilt", 0, "unchanged", 3), totals(diff));
        assertTrue(summary().contains("No change: the same 3 entries with the same content."), summary());

        String body = fake.body(release);
        assertTrue(body.startsWith("Written by hand above.\n\n" + ReleaseNotes.BEGIN), body);
        assertTrue(body.endsWith(ReleaseNotes.END + "\n\nWritten by hand below.\n"), body);
        assertEquals(1, body.split(java.util.regex.Pattern.quote(ReleaseNotes.END), -1).length - 1, "one section: " + body);
        assertTrue(body.contains("No change") && !body.contains("First publish"), "the section was replaced: " + body);
    }

    @Test
    void anEditedLibraryShowsItsCountsAndThatItsContentChanged() throws Exception {
        consolidate();
        assertEquals(0, publish(TAG).exitCode());
        SyntheticArtifacts.write(artifacts, "/acme/router", "2.0", 4, 55, 9);
        consolidate();
        CliRun run = publish(TAG);
        assertEquals(0, run.exitCode(), run.toString());

        JsonNode edited = entry(diff(), "/acme/router", "2.0");
        assertEquals("changed", edited.path("change").asText());
        assertEquals("changed", edited.path("content").asText());
        assertEquals(50, edited.path("chunks_before").asInt());
        assertEquals(55, edited.path("chunks_after").asInt());
        assertEquals(3, edited.path("docs_before").asInt());
        assertEquals(4, edited.path("docs_after").asInt());
        assertEquals("unchanged", entry(diff(), "/acme/router", "1.0").path("change").asText());
        assertTrue(summary().contains("| /acme/router | 2.0 | changed | 50 → 55 (+5) | 3 → 4 (+1) | changed |"), summary());
        assertTrue(summary().contains("0 added, 0 removed, 0 missing, 1 changed, 0 rebuilt, 2 unchanged; 120 → 125 chunks (+5)."),
            summary());
        assertTrue(body(TAG).contains("| /acme/router | 2.0 | changed | 50 → 55 (+5) |"), body(TAG));
    }

    @Test
    void aLibraryRemovedFromTheRegistryIsPublishedAndListedAsRemoved() throws Exception {
        consolidate();
        assertEquals(0, publish(TAG, "--libs", libs("/acme/router@1.0", "/acme/router@2.0", "/other/lib@").toString())
            .exitCode());
        Trees.delete(artifacts.resolve("other_lib"));
        consolidate();

        // Without the registry, or with a registry that still lists it, it is lost: refused, nothing written.
        int before = fake.requests().size();
        CliRun unknown = publish(TAG);
        assertRefused(unknown, "1 entry of the previous release (release `" + TAG + "`) shrank: /other/lib is missing "
            + "(pass --libs with the ListLibs output to tell a library removed from the registry from a lost one)", before);
        before = fake.requests().size();
        CliRun listed = publish(TAG, "--libs", libs("/acme/router@1.0", "/acme/router@2.0", "/other/lib@").toString());
        assertRefused(listed, "/other/lib is missing (the registry still lists it)", before);

        CliRun run = publish(TAG, "--libs", libs("/acme/router@1.0", "/acme/router@2.0").toString());
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode removed = entry(diff(), "/other/lib", "");
        assertEquals("removed", removed.path("change").asText());
        assertEquals("gone", removed.path("content").asText());
        assertEquals(30, removed.path("chunks_before").asInt());
        assertEquals(0, removed.path("chunks_after").asInt());
        assertTrue(summary().contains("| /other/lib |  | removed from the registry | 30 → 0 (−30) | 2 → 0 (−2) | gone |"),
            summary());
        assertFalse(published().isEmpty());
        assertFalse(new String(published().get("deadzone.manifest.json"), StandardCharsets.UTF_8).contains("/other/lib"));
    }

    // ---- the shrink gate

    @Test
    void shrinkingMoreThanMaxShrinkIsRefusedUnlessAllowed() throws Exception {
        consolidate();
        assertEquals(0, publish(TAG).exitCode());
        byte[] firstDb = Files.readAllBytes(db);

        // Exactly 30 % fewer chunks is not more than --max-shrink 30: the verdict is publish.
        SyntheticArtifacts.write(artifacts, "/other/lib", "", 2, 21, 3);
        consolidate();
        CliRun atTheLine = publish(TAG, "--dry-run");
        assertEquals(0, atTheLine.exitCode(), atTheLine.toString());
        assertEquals("publish", diff().path("verdict").asText());
        assertEquals(30.0, entry(diff(), "/other/lib", "").path("lost_percent").asDouble());

        SyntheticArtifacts.write(artifacts, "/other/lib", "", 2, 20, 3);
        consolidate();
        int before = fake.requests().size();
        CliRun refused = publish(TAG);
        assertRefused(refused, "DbRelease: refusing to publish: 1 entry of the previous release (release `" + TAG
            + "`) shrank: /other/lib lost 33.3 % of its chunks (30 → 20); if that is expected, pass --allow-shrink"
            + " (or a higher --max-shrink)", before);
        assertEquals("refused", diff().path("verdict").asText());
        assertTrue(summary().contains("| /other/lib |  | changed, lost 33.3 % | 30 → 20 (−10) | 2 | changed |"), summary());
        assertTrue(summary().contains("Verdict: **refused**"), summary());
        assertArrayEquals(firstDb, published().get("deadzone.db"), "the release still holds the first database");

        assertEquals(0, publish(TAG, "--max-shrink", "35", "--dry-run").exitCode(), "a higher threshold lets it through");
        CliRun allowed = publish(TAG, "--allow-shrink", "--log-format", "text");
        assertEquals(0, allowed.exitCode(), allowed.toString());
        assertEquals("allowed", diff().path("verdict").asText());
        assertTrue(allowed.stderr().contains("WARN shrink_allowed: publishing with --allow-shrink: /other/lib lost 33.3 %"),
            allowed.stderr());
        assertArrayEquals(Files.readAllBytes(db), published().get("deadzone.db"));
        assertTrue(body(TAG).contains("Verdict: **publish with --allow-shrink**: /other/lib lost 33.3 % of its chunks"),
            body(TAG));
    }

    @Test
    void aNewTagIsComparedWithTheLatestRelease() throws Exception {
        consolidate();
        assertEquals(0, publish(TAG).exitCode());
        SyntheticArtifacts.write(artifacts, "/acme/router", "3.0", 2, 12, 4);
        consolidate();
        CliRun run = publish("docs-2025.07");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("release `" + TAG + "`", diff().path("baseline").path("source").asText());
        assertEquals(Map.of("added", 1, "removed", 0, "missing", 0, "changed", 0, "rebuilt", 0, "unchanged", 3), totals(diff()));
        assertTrue(summary().contains("| /acme/router | 3.0 | added | 12 | 2 | new |"), summary());
    }

    // ---- a kill between uploads

    /**
     * A DbRelease killed after any number of writes (the fake stops answering then, as for a dead
     * process) never leaves a state in which a manifest stands beside a database it does not
     * describe; the next run still compares with the last complete release and finishes the job.
     */
    @Test
    void aKillBetweenUploadsNeverLeavesAManifestBesideAnotherDatabase() throws Exception {
        Path first = consolidateInto(dir.resolve("first"));
        SyntheticArtifacts.write(artifacts, "/acme/router", "2.0", 4, 55, 9);
        Path second = consolidateInto(dir.resolve("second"));
        String firstSha = DbReleaseTest.Fixture.sha256(Files.readAllBytes(first));
        String secondSha = DbReleaseTest.Fixture.sha256(Files.readAllBytes(second));
        assertNotEquals(firstSha, secondSha);

        int kills = 0;
        for (int writes = 0; ; writes++) {
            fake.close();
            fake = FakeGitHubApi.start(DbReleaseTest.Fixture.TOKEN, REPO);
            assertEquals(0, publishDb(first, TAG).exitCode());
            fake.killClientAfterWrites(writes);
            CliRun killed = publishDb(second, TAG);
            fake.answerAgain();
            long release = fake.releaseId(REPO, TAG).orElseThrow();
            if (killed.exitCode() == 0) {
                assertTrue(writes > 8, "three uploads, three renames, two deletes, the old manifest set aside and"
                    + " the notes are all writes: " + writes);
                break;
            }
            kills++;
            assertEquals(1, killed.exitCode(), killed.toString());

            CliRun again = publishDb(second, TAG);
            assertEquals(0, again.exitCode(), "after a kill at write " + writes + ": " + again);
            String baseline = diff().path("baseline").path("database_sha256").asText();
            assertTrue(baseline.equals(firstSha) || baseline.equals(secondSha),
                "after a kill at write " + writes + " the next run still had a manifest to compare with: " + diff());
            List<Map<String, byte[]>> history = fake.history(release);
            for (Map<String, byte[]> visible : history) {
                DbReleaseTest.Fixture.assertOneSet(visible, "after a kill at write " + writes);
            }
            Map<String, byte[]> last = history.get(history.size() - 1);
            assertEquals(DbReleaseTest.ASSETS, List.copyOf(last.keySet()), "the second run cleaned up: " + last.keySet());
            assertArrayEquals(Files.readAllBytes(second), last.get("deadzone.db"));
        }
        assertTrue(kills >= 9, "a kill was tried at every write: " + kills);
    }

    // ---- helpers

    private void consolidate() {
        consolidateInto(dir);
    }

    private Path consolidateInto(Path folder) {
        Path target = folder.resolve("deadzone.db");
        CliRun run = CliRun.run(new Consolidate(), "--artifacts", artifacts.toString(), "--db", target.toString());
        assertEquals(0, run.exitCode(), run.toString());
        return target;
    }

    private CliRun publish(String tag, String... extra) {
        return publishDb(db, tag, extra);
    }

    private CliRun publishDb(Path database, String tag, String... extra) {
        List<String> args = new ArrayList<>(List.of("--tag", tag, "--db", database.toString(), "--repo", REPO,
            "--diff-out", dir.resolve("diff.json").toString()));
        args.addAll(Arrays.asList(extra));
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_STEP_SUMMARY", dir.resolve("summary.md").toString()));
        try {
            Files.deleteIfExists(dir.resolve("summary.md"));
            Files.deleteIfExists(dir.resolve("diff.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return DbReleaseTest.Fixture.run(fake, sleeps, env, args.toArray(String[]::new));
    }

    /** Refused with exit 1 and the one line, and nothing written to GitHub since request number {@code before}. */
    private void assertRefused(CliRun run, String expectedInLine, int before) {
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().lines().count(), run.toString());
        assertTrue(run.errorLines().contains(expectedInLine), run.toString());
        List<FakeGitHubApi.Request> sent = fake.requests().subList(before, fake.requests().size());
        assertTrue(sent.stream().allMatch(r -> r.method().equals("GET")), "nothing but reads: " + sent);
    }

    /** ListLibs output listing the given {@code lib_id@version} entries. */
    private Path libs(String... entries) throws IOException {
        List<ResolvedEntry> resolved = new ArrayList<>();
        for (String e : entries) {
            int at = e.indexOf('@');
            resolved.add(SyntheticArtifacts.entry(e.substring(0, at), e.substring(at + 1)));
        }
        return Files.writeString(dir.resolve("libs.json"), MatrixJson.flat(resolved, resolved));
    }

    private JsonNode diff() throws IOException {
        return JSON.readTree(dir.resolve("diff.json").toFile());
    }

    private String summary() throws IOException {
        return Files.readString(dir.resolve("summary.md"), StandardCharsets.UTF_8);
    }

    private static Map<String, Integer> totals(JsonNode diff) {
        Map<String, Integer> totals = new TreeMap<>();
        diff.path("totals").fields().forEachRemaining(e -> totals.put(e.getKey(), e.getValue().asInt()));
        return totals;
    }

    private static JsonNode entry(JsonNode diff, String libId, String version) {
        for (JsonNode e : diff.path("entries")) {
            if (e.path("lib_id").asText().equals(libId) && e.path("version").asText().equals(version)) {
                return e;
            }
        }
        throw new AssertionError("no entry " + libId + " " + version + " in " + diff);
    }

    private String body(String tag) {
        return fake.body(fake.releaseId(REPO, tag).orElseThrow());
    }

    private Map<String, byte[]> published() {
        Map<String, byte[]> assets = new TreeMap<>();
        fake.assets(fake.releaseId(REPO, TAG).orElseThrow()).forEach(a -> assets.put(a.name(), a.bytes()));
        return assets;
    }
}
