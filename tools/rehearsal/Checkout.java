package rehearsal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * What actions/checkout gives a job here: a copy of the project files the workflow's steps use
 * (scripts/, shared/, tools/, jbang-catalog.json) and the registry under test as
 * libraries_sources.yaml. A copy, not links, so a step cannot change the project.
 */
public final class Checkout {
    public static final List<String> PROJECT_FILES = List.of("scripts", "shared", "tools", "jbang-catalog.json");
    public static final String REGISTRY = "libraries_sources.yaml";

    private Checkout() {
    }

    public static void into(Path workspace, Path projectRoot, Path registry) {
        try {
            Files.createDirectories(workspace);
            for (String name : PROJECT_FILES) {
                copy(projectRoot.resolve(name), workspace.resolve(name));
            }
            Files.copy(registry, workspace.resolve(REGISTRY), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not check the project out into " + workspace, e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            throw new RehearsalException("the project has no " + from + " to check out");
        }
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
