package support;

import fakes.Fixtures;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project and the team's reference fixtures are, as the tests see them. */
public final class Project {
    private Project() {
    }

    /** The checkout: the nearest folder up from the working directory holding jbang-catalog.json. */
    public static Path root() {
        return Fixtures.checkout();
    }

    /**
     * ../shared/fixtures beside the checkout, or the folder named by DEADZONE_FIXTURES. Tests
     * that need it call this and are skipped, with the reason shown, when it is absent.
     */
    public static Path fixtures() {
        try {
            return Fixtures.folder(System.getenv());
        } catch (Fixtures.Missing e) {
            Assumptions.abort(e.getMessage());
            throw e;
        }
    }

    /** ../shared/reference (the Go tool's registries), skipped likewise when absent. */
    public static Path reference() {
        Path dir = fixturesParentOr("DEADZONE_REFERENCE", "reference");
        Assumptions.assumeTrue(Files.isDirectory(dir),
            "reference registries not found at " + dir + " (set DEADZONE_REFERENCE to the shared/reference folder)");
        return dir;
    }

    private static Path fixturesParentOr(String env, String name) {
        String configured = System.getenv(env);
        return configured != null && !configured.isBlank()
            ? Path.of(configured).toAbsolutePath()
            : root().resolveSibling("shared").resolve(name);
    }
}
