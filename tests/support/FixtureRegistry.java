package support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The team's fixture registry (../shared/fixtures/libraries_sources.fixture.yaml) made usable:
 * a {@link DocServer} serving the fixture documents at /raw/ and /site/, and a copy of the
 * registry whose urls point at it. Skips the calling test (with the reason) when the fixtures
 * are absent, like {@link Project#fixtures()}.
 * <pre>{@code
 * try (DocServer server = FixtureRegistry.server()) {
 *     Path registry = FixtureRegistry.write(tempDir, server);
 *     ...
 * }
 * }</pre>
 */
public final class FixtureRegistry {
    /** The placeholder origin the fixture registry uses; it never resolves. */
    public static final String FIXTURE_ORIGIN = "http://docs.fixtures.test";
    public static final String FIXTURE_FILE = "libraries_sources.fixture.yaml";
    /** The name of the written copy, the registry's default name. */
    public static final String REGISTRY_FILE = "libraries_sources.yaml";

    private FixtureRegistry() {
    }

    /** A server for the fixture documents (ETags and Last-Modified on, gzip off). */
    public static DocServer server() {
        return server(DocServer.builder());
    }

    /** The fixture documents mounted on a server configured by {@code builder} (for gzip, no ETags...). */
    public static DocServer server(DocServer.Builder builder) {
        Path fixtures = Project.fixtures();
        return builder.mount("/raw/", fixtures.resolve("raw")).mount("/site/", fixtures.resolve("site")).start();
    }

    /** Writes {@code folder/libraries_sources.yaml} with every fixture url on {@code server}; returns its path. */
    public static Path write(Path folder, DocServer server) {
        return write(folder, server.baseUrl());
    }

    public static Path write(Path folder, String baseUrl) {
        Path source = Project.fixtures().resolve(FIXTURE_FILE);
        try {
            String yaml = Files.readString(source, StandardCharsets.UTF_8);
            if (!yaml.contains(FIXTURE_ORIGIN)) {
                throw new IllegalStateException(source + " no longer mentions " + FIXTURE_ORIGIN);
            }
            String origin = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            Files.createDirectories(folder);
            Path target = folder.resolve(REGISTRY_FILE);
            Files.writeString(target, yaml.replace(FIXTURE_ORIGIN, origin), StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the fixture registry into " + folder, e);
        }
    }
}
