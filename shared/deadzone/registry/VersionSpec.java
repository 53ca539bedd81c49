package deadzone.registry;

import java.util.List;

/** One entry of a library's {@code versions:} mapping; null fields inherit the library's. */
public record VersionSpec(String name, String ref, List<String> urls) {
}
