package rehearsal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real {@code @actions/cache} npm toolkit the rehearsal plays actions/cache with (installed in
 * tests/node by {@value #INSTALL}), and what it needs on this machine: node and zstd (without
 * zstd the toolkit would save gzip archives, unlike GitHub's runners).
 */
public final class NodeToolkit {
    public static final String INSTALL = "npm ci --prefix tests/node";

    private NodeToolkit() {
    }

    public static Path folder(Path projectRoot) {
        return projectRoot.resolve("tests").resolve("node");
    }

    /** Why the toolkit cannot run here, or empty when it can. */
    public static Optional<String> missing(Path projectRoot) {
        if (!onPath("node")) {
            return Optional.of("node is not on PATH: install Node.js and run `" + INSTALL
                + "` to run the @actions/cache toolkit tests");
        }
        if (!Files.isRegularFile(folder(projectRoot).resolve("node_modules/@actions/cache/package.json"))) {
            return Optional.of("the @actions/cache toolkit is not installed in tests/node: run `" + INSTALL + "`");
        }
        if (!onPath("zstd")) {
            return Optional.of("zstd is not on PATH (the toolkit would save gzip archives): install zstd"
                + " to run the @actions/cache toolkit tests");
        }
        return Optional.empty();
    }

    /** Whether {@code program} is an executable in a folder of PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
