package deadzone.release;

import java.util.Comparator;

/** One (lib_id, version) of the registry, a database or a manifest; version is "" for a single-version library. */
public record EntryKey(String libId, String version) implements Comparable<EntryKey> {
    private static final Comparator<EntryKey> ORDER =
        Comparator.comparing(EntryKey::libId).thenComparing(EntryKey::version);

    public EntryKey {
        version = version == null ? "" : version;
    }

    /** How messages name it: {@code /acme/widgets 1.4}, or the lib_id alone. */
    public String label() {
        return version.isEmpty() ? libId : libId + " " + version;
    }

    @Override
    public int compareTo(EntryKey other) {
        return ORDER.compare(this, other);
    }
}
