package fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The team's reference fixtures (../shared/fixtures beside the checkout, or DEADZONE_FIXTURES)
 * served as documentation sites: a {@link DocServer} with the fixture documents at /raw/ and
 * /site/ and the Go packages served like GitHub (Contents API listings at /api/, their files at
 * /raw/golang/), and the fixture registry with its urls moved from {@value #ORIGIN} onto that
 * server. Tests, the rehearsal, ServeFixtures and the benchmarks all use them this way.
 */
public final class Fixtures {
    /** The placeholder origin the fixture registry uses; it never resolves. */
    public static final String ORIGIN = "http://docs.fixtures.test";
    public static final String REGISTRY = "libraries_sources.fixture.yaml";
    /** The registry of the Go packages (kind: godoc), in the fixtures' godoc/ folder. */
    public static final String GODOC_REGISTRY = "godoc/libraries_sources.godoc.yaml";
    public static final String ENV_FOLDER = "DEADZONE_FIXTURES";

    /** The fixtures are not there: tests turn this into a skip, tools into a usage error. */
    public static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message);
        }
    }

    private Fixtures() {
    }

    /** The checkout: the nearest folder up from the working directory holding jbang-catalog.json and scripts/. */
    public static Path checkout() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("jbang-catalog.json")) && Files.isDirectory(p.resolve("scripts"))) {
                return p;
            }
        }
        throw new IllegalStateException("run this from inside the deadzone-pack checkout");
    }

    /** The fixtures folder {@code env} names, else ../shared/fixtures beside the checkout. */
    public static Path folder(Map<String, String> env) {
        String configured = env.get(ENV_FOLDER);
        Path dir = configured != null && !configured.isBlank()
            ? Path.of(configured).toAbsolutePath()
            : checkout().resolveSibling("shared").resolve("fixtures");
        if (!Files.isDirectory(dir.resolve("raw"))) {
            throw new Missing("fixtures not found at " + dir + " (set " + ENV_FOLDER + " to the shared/fixtures folder)");
        }
        return dir;
    }

    /** The fixture documents of {@code fixtures} on a server configured by {@code builder} (gzip, ETags, port...). */
    public static DocServer serve(Path fixtures, DocServer.Builder builder) {
        builder.mount("/raw/", fixtures.resolve("raw")).mount("/site/", fixtures.resolve("site"));
        Path godoc = fixtures.resolve("godoc");
        if (Files.isDirectory(godoc)) {
            // A listing names its files' download urls on the placeholder origin: served on this server.
            builder.mount("/api/", godoc.resolve("api")).mount("/raw/golang/", godoc.resolve("raw/golang")).replacingOrigin(ORIGIN);
        }
        return builder.start();
    }

    /** The fixture registry's text with every url moved onto {@code baseUrl}. */
    public static String registry(Path fixtures, String baseUrl) {
        return moved(fixtures.resolve(REGISTRY), baseUrl);
    }

    /** The fixture registry followed by the Go packages' entries, every url moved onto {@code baseUrl}. */
    public static String registryWithGo(Path fixtures, String baseUrl) {
        String go = moved(fixtures.resolve(GODOC_REGISTRY), baseUrl);
        int list = go.indexOf("\nlibraries:\n");
        if (list < 0) {
            throw new IllegalStateException(fixtures.resolve(GODOC_REGISTRY) + " has no 'libraries:' line");
        }
        String main = registry(fixtures, baseUrl);
        return main + (main.endsWith("\n") ? "" : "\n") + go.substring(list + "\nlibraries:\n".length());
    }

    private static String moved(Path source, String baseUrl) {
        try {
            String yaml = Files.readString(source, StandardCharsets.UTF_8);
            if (!yaml.contains(ORIGIN)) {
                throw new IllegalStateException(source + " no longer mentions " + ORIGIN);
            }
            return yaml.replace(ORIGIN, baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the fixture registry " + source, e);
        }
    }
}
