package support;

import fakes.Fixtures;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project, its own corpus and the team's reference fixtures are, as the tests see them.
 * Tests over the reference corpus (real documentation at scale, outside the repository) are the
 * second tier: skipped when it is absent, with a reason starting {@value #REFERENCE_TIER}, which
 * the runner counts apart. Every feature they check is also checked on the project's own corpus.
 */
public final class Project {
    /** How a reference-tier skip reason starts (support.TestMain counts these apart). */
    public static final String REFERENCE_TIER = "reference corpus: ";

    private Project() {
    }

    /** The checkout: the nearest folder up from the working directory holding jbang-catalog.json. */
    public static Path root() {
        return Fixtures.checkout();
    }

    /** The project's own corpus (tests/fixtures, described in its README.md): always there. */
    public static Path ownCorpus() {
        return Fixtures.own();
    }

    /**
     * ../shared/fixtures beside the checkout, or the folder named by DEADZONE_FIXTURES. Tests
     * that need it call this and are skipped, with the reason shown, when it is absent.
     */
    public static Path fixtures() {
        try {
            return Fixtures.folder(System.getenv());
        } catch (Fixtures.Missing e) {
            Assumptions.abort(REFERENCE_TIER + e.getMessage());
            throw e;
        }
    }

    /** ../shared/reference (the Go tool's registries), skipped likewise when absent. */
    public static Path reference() {
        Path dir = fixturesParentOr("DEADZONE_REFERENCE", "reference");
        Assumptions.assumeTrue(Files.isDirectory(dir),
            REFERENCE_TIER + "reference registries not found at " + dir + " (set DEADZONE_REFERENCE to the shared/reference folder)");
        return dir;
    }

    private static Path fixturesParentOr(String env, String name) {
        String configured = System.getenv(env);
        return configured != null && !configured.isBlank()
            ? Path.of(configured).toAbsolutePath()
            : root().resolveSibling("shared").resolve(name);
    }
}
