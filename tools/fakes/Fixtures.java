package fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The two documentation corpora the tests, the rehearsal, ServeFixtures and the benchmarks serve
 * on 127.0.0.1: the project's own small corpus ({@value #OWN_FOLDER}, in every checkout) and the
 * team's optional reference fixtures (../shared/fixtures beside the checkout, or
 * DEADZONE_FIXTURES: real documentation at scale). Both have the same layout: documents under
 * raw/ and site/, served at /raw/ and /site/ by a {@link DocServer}, and a registry whose urls
 * are on {@value #ORIGIN}, moved onto that server. A corpus with Go packages also has
 * {@value #GODOC_REGISTRY} and godoc/ served like GitHub on the same server (Contents API listings
 * at /api/, their files at /raw/&lt;owner&gt;/).
 */
public final class Fixtures {
    /** The placeholder origin the fixture registry uses; it never resolves. */
    public static final String ORIGIN = "http://docs.fixtures.test";
    /** The reference fixtures' registry. */
    public static final String REGISTRY = "libraries_sources.fixture.yaml";
    /** The registry of the Go packages (kind: godoc), in the fixtures' godoc/ folder. */
    public static final String GODOC_REGISTRY = "godoc/libraries_sources.godoc.yaml";
    public static final String ENV_FOLDER = "DEADZONE_FIXTURES";
    /** The project's own corpus, relative to the checkout, and its registry. */
    public static final String OWN_FOLDER = "tests/fixtures";
    public static final String OWN_REGISTRY = "libraries_sources.yaml";

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

    /** The project's own corpus: {@value #OWN_FOLDER} of the checkout. */
    public static Path own() {
        return checkout().resolve(OWN_FOLDER);
    }

    /**
     * The reference fixtures when they are there, else the project's own corpus; a
     * DEADZONE_FIXTURES naming a folder without fixtures is still an error, never silently replaced.
     */
    public static Path folderOrOwn(Map<String, String> env) {
        String configured = env.get(ENV_FOLDER);
        try {
            return folder(env);
        } catch (Missing e) {
            if (configured != null && !configured.isBlank()) {
                throw e;
            }
            return own();
        }
    }

    /** A corpus folder's registry: the reference fixtures' {@value #REGISTRY}, else {@value #OWN_REGISTRY}. */
    public static Path registryFile(Path fixtures) {
        Path reference = fixtures.resolve(REGISTRY);
        return Files.isRegularFile(reference) ? reference : fixtures.resolve(OWN_REGISTRY);
    }

    /** The fixture documents of {@code fixtures} on a server configured by {@code builder} (gzip, ETags, port...). */
    public static DocServer serve(Path fixtures, DocServer.Builder builder) {
        builder.mount("/raw/", fixtures.resolve("raw")).mount("/site/", fixtures.resolve("site"));
        Path godoc = fixtures.resolve("godoc");
        if (Files.isDirectory(godoc)) {
            // A listing names its files' download urls on the placeholder origin: served on this server.
            builder.mount("/api/", godoc.resolve("api")).replacingOrigin(ORIGIN);
            try (Stream<Path> owners = Files.list(godoc.resolve("raw"))) {
                owners.filter(Files::isDirectory).forEach(o -> builder.mount("/raw/" + o.getFileName() + "/", o));
            } catch (IOException e) {
                throw new UncheckedIOException("could not list " + godoc.resolve("raw"), e);
            }
        }
        return builder.start();
    }

    /** The fixture registry's text with every url moved onto {@code baseUrl}. */
    public static String registry(Path fixtures, String baseUrl) {
        return moved(registryFile(fixtures), baseUrl);
    }

    /** Whether the corpus in {@code fixtures} has Go packages ({@value #GODOC_REGISTRY}). */
    public static boolean hasGoPackages(Path fixtures) {
        return Files.isRegularFile(fixtures.resolve(GODOC_REGISTRY));
    }

    /** The corpus's Go packages' registry ({@value #GODOC_REGISTRY}) with every url moved onto {@code baseUrl}. */
    public static String goRegistry(Path fixtures, String baseUrl) {
        return moved(fixtures.resolve(GODOC_REGISTRY), baseUrl);
    }

    /** The corpus registry followed by its Go packages' entries, every url moved onto {@code baseUrl}. */
    public static String registryWithGo(Path fixtures, String baseUrl) {
        String go = goRegistry(fixtures, baseUrl);
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
