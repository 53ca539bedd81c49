//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/release/DiffReport.java ../shared/deadzone/release/EntryKey.java
//SOURCES ../shared/deadzone/release/Manifest.java ../shared/deadzone/release/ManifestEntry.java
//SOURCES ../shared/deadzone/release/ManifestFile.java ../shared/deadzone/release/MarkdownTable.java
//SOURCES ../shared/deadzone/release/ReleaseDiff.java ../shared/deadzone/release/ReleaseNotes.java
//SOURCES ../shared/deadzone/release/ShrinkGate.java
//SOURCES ../shared/deadzone/util/Json.java

import deadzone.release.EntryKey;
import deadzone.release.Manifest;
import deadzone.release.ManifestEntry;
import deadzone.release.ReleaseDiff;
import deadzone.release.ReleaseNotes;
import deadzone.release.ShrinkGate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diff's classification, the manifest's JSON and the release notes' section, without a database or a server. */
class ReleaseNotesTest {
    private static ManifestEntry entry(String libId, String fingerprint, long chunks, String content) {
        return new ManifestEntry(libId, "", "github-md", "v1", fingerprint, 2, chunks, content, "2026-11-27T00:00:00Z", null);
    }

    private static Manifest manifest(String sha, ManifestEntry... entries) {
        return new Manifest("deadzone.db", sha, 1000, 1, 1, "model|dims:384", "model", 384, List.of(entries));
    }

    private static ReleaseDiff diff(Manifest before, Manifest after, Set<EntryKey> registry) {
        return ReleaseDiff.between(new ReleaseDiff.Baseline("release `v1`", before), after, registry);
    }

    @Test
    void aNewFingerprintWithTheSameTextIsRebuiltNotChanged() {
        Manifest before = manifest("aa", entry("/a", "f1", 10, "c1"), entry("/b", "f1", 10, "c1"), entry("/c", "f1", 10, "c1"));
        Manifest after = manifest("bb", entry("/a", "f2", 10, "c1"), entry("/b", "f1", 10, "c2"), entry("/c", "f1", 10, "c1"));
        ReleaseDiff d = diff(before, after, null);
        assertEquals(List.of(ReleaseDiff.Change.REBUILT, ReleaseDiff.Change.CHANGED, ReleaseDiff.Change.UNCHANGED),
            d.entries().stream().map(ReleaseDiff.EntryChange::change).toList());
        assertEquals("unchanged", d.entries().get(0).content());
        assertEquals("changed", d.entries().get(1).content());
        assertEquals(ShrinkGate.Outcome.PUBLISH, ShrinkGate.judge(d, 30, false, false).outcome());
    }

    @Test
    void aManifestReadsBackAsWritten() {
        Manifest m = manifest("aa", entry("/a", "f1", 10, "c1"),
            new ManifestEntry("/b", "2.0", "html", "", "f2", 1, 3, "c2", "2026-11-28T00:00:00Z", "stale"));
        assertEquals(m, Manifest.parse(m.toJson()));
        assertTrue(m.toJson().endsWith("}\n") && !m.toJson().contains("\r"), m.toJson());
        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
            () -> Manifest.parse(m.toJson().replace("\"manifest_version\" : 1", "\"manifest_version\" : 2")));
        assertTrue(newer.getMessage().contains("newer than this DbRelease reads"), newer.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(m.toJson().replace("\"chunks\" : 10", "\"chunks\" : -1")));
    }

    @Test
    void theSectionIsReplacedInPlaceAndAppendedWhenItsMarkersAreBroken() {
        ReleaseDiff d = diff(manifest("aa", entry("/a", "f1", 10, "c1")), manifest("aa", entry("/a", "f1", 10, "c1")), null);
        ShrinkGate.Verdict v = ShrinkGate.judge(d, 30, false, false);
        String first = ReleaseNotes.splice("", d, v);
        assertTrue(first.startsWith(ReleaseNotes.BEGIN + "\n") && first.endsWith(ReleaseNotes.END + "\n"), first);

        String around = "Above.\n\n" + first + "\nBelow.\n";
        String again = ReleaseNotes.splice(around.replace("No change", "Old text"), d, v);
        assertEquals(around, again, "only the section changes, back to what it says now");

        String broken = "Above.\n" + ReleaseNotes.BEGIN + "\nhalf a section, its end marker deleted by hand\n";
        String mended = ReleaseNotes.splice(broken, d, v);
        assertTrue(mended.startsWith(broken.stripTrailing() + "\n\n" + ReleaseNotes.BEGIN), mended);
        assertEquals(mended, ReleaseNotes.splice(mended, d, v), "the next publish finds the whole section it wrote");
    }

    @Test
    void aLargeRegistryStillFitsGitHubsLimitOnReleaseNotes() {
        List<ManifestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            entries.add(entry("/org" + i + "/a-library-with-a-long-name-" + i, "f" + i, 100 + i, "c" + i));
        }
        Manifest after = new Manifest("deadzone.db", "bb", 1000, 1, 1, "m", "m", 384, entries);
        ReleaseDiff d = ReleaseDiff.between(ReleaseDiff.Baseline.none("the repository has no release yet"), after, null);
        String body = ReleaseNotes.splice("Notes by hand.\n".repeat(500), d, ShrinkGate.judge(d, 30, false, false));
        assertTrue(body.length() <= ReleaseNotes.BODY_LIMIT, "body of " + body.length() + " characters");
        assertTrue(body.startsWith("Notes by hand.\n".repeat(500)), "the hand-written notes are kept whole");
        assertTrue(body.contains("more rows: see deadzone.manifest.json"), "the cut table says where the rest is");
        assertTrue(body.contains("3000 entries, "), "the totals are kept");
    }

    @Test
    void percentagesShowOneDecimalAtMost() {
        assertEquals("40 %", ShrinkGate.percent(40.0));
        assertEquals("33.3 %", ShrinkGate.percent(100.0 / 3));
    }
}
