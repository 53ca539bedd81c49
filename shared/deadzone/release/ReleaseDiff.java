package deadzone.release;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between the manifest of the previous release and the one about to be published,
 * entry by entry (docs/workflow.md, "Reading the diff"). A previous entry that is gone is
 * <em>removed</em> when the registry no longer lists it and <em>missing</em> when it does (or when
 * the registry is not known): only the second is a loss.
 */
public record ReleaseDiff(Baseline baseline, Manifest current, List<EntryChange> entries) {

    /** The manifest compared with (null when there is none) and where it came from, in words. */
    public record Baseline(String source, Manifest manifest) {
        public static Baseline none(String why) {
            return new Baseline(why, null);
        }
    }

    public enum Change {
        ADDED, REMOVED, MISSING, CHANGED, REBUILT, UNCHANGED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One entry of either manifest; {@code before} or {@code after} is null when it is on one side only. */
    public record EntryChange(EntryKey key, Change change, ManifestEntry before, ManifestEntry after) {
        public long chunksBefore() {
            return before == null ? 0 : before.chunks();
        }

        public long chunksAfter() {
            return after == null ? 0 : after.chunks();
        }

        public long docsBefore() {
            return before == null ? 0 : before.docs();
        }

        public long docsAfter() {
            return after == null ? 0 : after.docs();
        }

        /** The share of the previous chunks that is gone, in percent (0 when none is). */
        public double lostPercent() {
            long before = chunksBefore();
            return before == 0 || chunksAfter() >= before ? 0 : (before - chunksAfter()) * 100.0 / before;
        }

        /** new, gone, changed or unchanged: what a reader's text did. */
        public String content() {
            return switch (change) {
                case ADDED -> "new";
                case REMOVED, MISSING -> "gone";
                case CHANGED -> "changed";
                case REBUILT, UNCHANGED -> "unchanged";
            };
        }
    }

    /**
     * Compares {@code current} with the baseline's manifest. {@code registry} holds every
     * (lib_id, version) the registry lists now, or is null when it is not known.
     */
    public static ReleaseDiff between(Baseline baseline, Manifest current, Set<EntryKey> registry) {
        Map<EntryKey, ManifestEntry> before = baseline.manifest() == null ? Map.of() : baseline.manifest().byKey();
        Map<EntryKey, ManifestEntry> after = current.byKey();
        Set<EntryKey> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<EntryChange> changes = new ArrayList<>();
        for (EntryKey key : keys) {
            ManifestEntry b = before.get(key);
            ManifestEntry a = after.get(key);
            Change change;
            if (b == null) {
                change = Change.ADDED;
            } else if (a == null) {
                change = registry != null && !registry.contains(key) ? Change.REMOVED : Change.MISSING;
            } else if (!a.contentSha256().equals(b.contentSha256()) || a.chunks() != b.chunks() || a.docs() != b.docs()) {
                change = Change.CHANGED;
            } else if (!a.fingerprint().equals(b.fingerprint()) || !a.kind().equals(b.kind())
                || !Objects.equals(a.ref(), b.ref())) {
                change = Change.REBUILT;
            } else {
                change = Change.UNCHANGED;
            }
            changes.add(new EntryChange(key, change, b, a));
        }
        return new ReleaseDiff(baseline, current, List.copyOf(changes));
    }

    /** No previous manifest: everything is added. */
    public boolean firstPublish() {
        return baseline.manifest() == null;
    }

    /** A previous manifest, and not one entry differs from it. */
    public boolean isEmpty() {
        return !firstPublish() && entries.stream().allMatch(e -> e.change() == Change.UNCHANGED);
    }

    public Map<Change, Integer> totals() {
        Map<Change, Integer> totals = new EnumMap<>(Change.class);
        for (Change c : Change.values()) {
            totals.put(c, 0);
        }
        entries.forEach(e -> totals.merge(e.change(), 1, Integer::sum));
        return totals;
    }

    public List<EntryChange> with(Change change) {
        return entries.stream().filter(e -> e.change() == change).toList();
    }
}
