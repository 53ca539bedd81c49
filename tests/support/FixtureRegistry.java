package support;

import fakes.DocServer;
import fakes.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The team's fixture registry ({@link Fixtures}) for tests: a {@link DocServer} serving the
 * fixture documents, and a copy of the registry whose urls point at it. Skips the calling test
 * (with the reason) when the fixtures are absent, like {@link Project#fixtures()}.
 * <pre>{@code
 * try (DocServer server = FixtureRegistry.server()) {
 *     Path registry = FixtureRegistry.write(tempDir, server);
 *     ...
 * }
 * }</pre>
 */
public final class FixtureRegistry {
    public static final String FIXTURE_ORIGIN = Fixtures.ORIGIN;
    public static final String FIXTURE_FILE = Fixtures.REGISTRY;
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
        return Fixtures.serve(Project.fixtures(), builder);
    }

    /** Writes {@code folder/libraries_sources.yaml} with every fixture url on {@code server}; returns its path. */
    public static Path write(Path folder, DocServer server) {
        return write(folder, server.baseUrl());
    }

    public static Path write(Path folder, String baseUrl) {
        return writeText(folder, Fixtures.registry(Project.fixtures(), baseUrl));
    }

    /** Like {@link #write(Path, DocServer)}, with the Go packages' godoc entries after the fixture registry's. */
    public static Path writeWithGo(Path folder, DocServer server) {
        return writeText(folder, Fixtures.registryWithGo(Project.fixtures(), server.baseUrl()));
    }

    private static Path writeText(Path folder, String yaml) {
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(REGISTRY_FILE);
            Files.writeString(target, yaml, StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the fixture registry into " + folder, e);
        }
    }
}
