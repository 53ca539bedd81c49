package fakes;

import deadzone.artifact.Kind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A corpus folder ({@link Fixtures}) served on 127.0.0.1, with its registry moved onto the
 * servers: the documents at /raw/ and /site/ of one {@link DocServer}, and, for a corpus with a
 * Go package ({@value #GODOC_REGISTRY}, once the registry accepts kind {@code godoc}), its
 * {@value #GODOC_FOLDER}/ folder at the root of a second server, served the way GitHub serves a
 * repository (the Contents API at /api/, the files at /raw/), its entries appended to the registry.
 * <pre>{@code
 * try (ServedCorpus corpus = ServedCorpus.start(Fixtures.own(), DocServer.builder())) {
 *     Files.writeString(file, corpus.registry());
 * }
 * }</pre>
 */
public final class ServedCorpus implements AutoCloseable {
    public static final String GODOC_FOLDER = "godoc";
    public static final String GODOC_REGISTRY = GODOC_FOLDER + "/libraries_sources.godoc.yaml";

    private final Path folder;
    private final DocServer docs;
    private final DocServer godoc;

    private ServedCorpus(Path folder, DocServer docs, DocServer godoc) {
        this.folder = folder;
        this.docs = docs;
        this.godoc = godoc;
    }

    /** Serves {@code folder}'s documents on a server configured by {@code builder}, and its Go package if it has one. */
    public static ServedCorpus start(Path folder, DocServer.Builder builder) {
        DocServer docs = Fixtures.serve(folder, builder);
        DocServer godoc = servesGoPackages(folder) ? DocServer.serve(folder.resolve(GODOC_FOLDER)) : null;
        return new ServedCorpus(folder, docs, godoc);
    }

    /** Whether the corpus has a Go package registry and the registry format accepts its kind yet. */
    public static boolean servesGoPackages(Path folder) {
        return Files.isRegularFile(folder.resolve(GODOC_REGISTRY)) && Kind.fromYaml("godoc").isPresent();
    }

    public Path folder() {
        return folder;
    }

    /** The document server (the one the rehearsal's failing scenario makes answer 500). */
    public DocServer docs() {
        return docs;
    }

    /** The Go package server, when the corpus's Go package is served. */
    public Optional<DocServer> godoc() {
        return Optional.ofNullable(godoc);
    }

    /** The corpus registry with every url on these servers (the Go package's entries last, when served). */
    public String registry() {
        String text = Fixtures.registry(folder, docs.baseUrl());
        if (godoc == null) {
            return text;
        }
        String go = read(folder.resolve(GODOC_REGISTRY)).replace(Fixtures.ORIGIN, godoc.baseUrl());
        // Both files are one "libraries:" list: the Go entries continue the first one.
        String[] parts = go.split("(?m)^libraries:[ \\t]*$", 2);
        if (parts.length < 2) {
            throw new IllegalStateException(GODOC_REGISTRY + " has no top-level libraries: list");
        }
        return text.stripTrailing() + "\n" + parts[1];
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    @Override
    public void close() {
        docs.close();
        if (godoc != null) {
            godoc.close();
        }
    }
}
