package deadzone.registry;

import deadzone.artifact.Kind;
import java.util.List;

/** One {@code libraries:} entry as written in the registry, validated but not yet resolved. */
public record LibrarySpec(
    int index,
    String libId,
    Kind kind,
    String ref,
    List<String> urls,
    List<VersionSpec> versions,
    String description) {
}
