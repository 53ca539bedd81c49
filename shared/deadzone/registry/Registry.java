package deadzone.registry;

import deadzone.artifact.EmbedderIdentity;
import deadzone.error.UserException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads a registry and resolves it to one {@link ResolvedEntry} per (lib_id, version), in registry order. */
public final class Registry {
    private Registry() {
    }

    public static List<ResolvedEntry> resolve(Path file, EmbedderIdentity embedder) {
        return resolve(file.toString(), RegistryLoader.load(file), embedder);
    }

    static List<ResolvedEntry> resolve(String file, List<LibrarySpec> specs, EmbedderIdentity embedder) {
        List<ResolvedEntry> out = new ArrayList<>();
        Map<String, LibrarySpec> bySlug = new HashMap<>();
        for (LibrarySpec spec : specs) {
            List<VersionSpec> versions = spec.versions().isEmpty()
                ? List.of(new VersionSpec("", null, null)) : spec.versions();
            for (VersionSpec v : versions) {
                String ref = v.ref() != null ? v.ref() : spec.ref();
                List<String> urls = (v.urls() != null ? v.urls() : spec.urls()).stream()
                    .map(u -> ref == null ? u : u.replace(RegistryLoader.REF, ref))
                    .toList();
                String slug = Slugs.slug(spec.libId(), v.name());
                LibrarySpec clash = bySlug.putIfAbsent(slug, spec);
                if (clash != null) {
                    throw new RegistryException(file + ": entry " + spec.index() + " (" + spec.libId() + "): "
                        + (v.name().isEmpty() ? "lib_id" : "versions." + v.name()) + ": slug '" + slug
                        + "' is already used by entry " + clash.index() + " (" + clash.libId()
                        + "); each (lib_id, version) needs its own slug");
                }
                String fingerprint = Fingerprint.of(spec.libId(), v.name(), spec.kind(), ref, urls,
                    spec.description(), embedder);
                out.add(new ResolvedEntry(spec.libId(), v.name(), spec.kind(), ref, urls,
                    spec.description(), slug, fingerprint));
            }
        }
        return out;
    }

    /**
     * Keeps the entries of one library ({@code lib}), or one version of it ({@code version} needs a
     * {@code lib}; the options refuse it alone). A filter that matches nothing is a usage error that
     * says what exists.
     */
    public static List<ResolvedEntry> filter(List<ResolvedEntry> entries, String lib, String version) {
        if (lib == null) {
            if (version != null) {
                throw new IllegalArgumentException("a version filter needs a lib");
            }
            return entries;
        }
        List<ResolvedEntry> ofLib = entries.stream().filter(e -> e.libId().equals(lib)).toList();
        if (ofLib.isEmpty()) {
            throw new UserException("--lib " + lib + ": no such library in the registry"
                + suggestion(entries, lib));
        }
        if (version == null) {
            return ofLib;
        }
        List<ResolvedEntry> match = ofLib.stream().filter(e -> e.version().equals(version)).toList();
        if (match.isEmpty()) {
            String known = ofLib.stream().map(e -> e.version().isEmpty() ? "(none: it has no versions)" : e.version())
                .reduce((a, b) -> a + ", " + b).orElse("");
            throw new UserException("--version " + version + ": " + lib + " has no such version; its versions: " + known);
        }
        return match;
    }

    private static String suggestion(List<ResolvedEntry> entries, String lib) {
        String needle = lib.replaceAll("^/+", "").toLowerCase();
        return entries.stream().map(ResolvedEntry::libId).distinct()
            .filter(id -> id.toLowerCase().contains(needle) || needle.contains(id.substring(id.lastIndexOf('/') + 1).toLowerCase()))
            .findFirst().map(id -> " (did you mean " + id + "?)").orElse(" (lib_id starts with '/', for example /org/project)");
    }
}
