package fakes;

import java.nio.file.Path;

/**
 * A corpus folder ({@link Fixtures}) served on 127.0.0.1 by one {@link DocServer}, with its
 * registry moved onto it: the documents at /raw/ and /site/ and, for a corpus with Go packages
 * ({@value Fixtures#GODOC_REGISTRY}), their Contents API listings and files, whose entries follow
 * the corpus registry's.
 * <pre>{@code
 * try (ServedCorpus corpus = ServedCorpus.start(Fixtures.own(), DocServer.builder())) {
 *     Files.writeString(file, corpus.registry());
 * }
 * }</pre>
 */
public final class ServedCorpus implements AutoCloseable {
    private final Path folder;
    private final DocServer docs;

    private ServedCorpus(Path folder, DocServer docs) {
        this.folder = folder;
        this.docs = docs;
    }

    /** Serves {@code folder}'s documents (and Go packages) on a server configured by {@code builder}. */
    public static ServedCorpus start(Path folder, DocServer.Builder builder) {
        return new ServedCorpus(folder, Fixtures.serve(folder, builder));
    }

    public Path folder() {
        return folder;
    }

    /** The server (the one the rehearsal's failing scenario makes answer 500). */
    public DocServer docs() {
        return docs;
    }

    /** The corpus registry with every url on this server (the Go packages' entries last). */
    public String registry() {
        return Fixtures.hasGoPackages(folder) ? Fixtures.registryWithGo(folder, docs.baseUrl())
            : Fixtures.registry(folder, docs.baseUrl());
    }

    @Override
    public void close() {
        docs.close();
    }
}
