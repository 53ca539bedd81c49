package support;

import deadzone.artifact.ArtifactLayout;
import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.Kind;
import deadzone.artifact.ModelPin;
import deadzone.chunk.Chunk;
import deadzone.registry.Fingerprint;
import deadzone.registry.ResolvedEntry;
import deadzone.registry.Slugs;
import deadzone.store.ArtifactContent;
import deadzone.store.ArtifactWriter;
import deadzone.store.SourceRecord;
import deadzone.store.StoredChunk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Real artifact databases with made-up text and random unit vectors: for tests and benchmarks
 * of consolidation and search that must not depend on the model or the network.
 */
public final class SyntheticArtifacts {
    private static final String[] WORDS = ("router request response handler middleware dependency session token "
        + "database query schema model field validator cookie header path parameter client server stream "
        + "websocket template config logging retry timeout cache index vector search tool prompt resource").split(" ");

    private SyntheticArtifacts() {
    }

    public static ResolvedEntry entry(String libId, String version) {
        List<String> urls = List.of("https://docs.test" + libId + "/" + version + "/a.md");
        return new ResolvedEntry(libId, version, Kind.GITHUB_MD, "v" + version, urls, "Synthetic " + libId,
            Slugs.slug(libId, version), Fingerprint.of(libId, version, Kind.GITHUB_MD, "v" + version, urls,
                "Synthetic " + libId, ModelPin.DEFAULT));
    }

    /** Writes artifacts/&lt;slug&gt;/artifact.db with {@code chunks} chunks over {@code docs} urls. */
    public static Path write(Path artifactsDir, String libId, String version, int docs, int chunks, long seed,
                             EmbedderIdentity embedder) throws Exception {
        ResolvedEntry entry = entry(libId, version);
        SplittableRandom random = new SplittableRandom(seed);
        List<StoredChunk> stored = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            int doc = i % docs;
            String url = "https://docs.test" + libId + "/" + version + "/page" + doc + ".md";
            String title = "Section " + i;
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 40; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ".\n" : " ");
            }
            text.append("token_").append(libId.hashCode() & 0xffff).append('_').append(i);
            stored.add(new StoredChunk(new Chunk(url, title, List.of("Page " + doc, title), text.toString(), 60, doc, i / docs),
                unitVector(random, embedder.dimensions())));
        }
        List<SourceRecord> sources = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            sources.add(new SourceRecord("https://docs.test" + libId + "/" + version + "/page" + d + ".md",
                "\"etag" + d + "\"", null, "0".repeat(64), "ok"));
        }
        Path folder = artifactsDir.resolve(entry.slug());
        Files.createDirectories(folder);
        Path db = ArtifactLayout.dbIn(folder);
        ArtifactWriter.write(db, new ArtifactContent(entry, embedder, "2026-11-27T00:00:00Z", docs,
            unitVector(random, embedder.dimensions()), stored, sources));
        return db;
    }

    public static Path write(Path artifactsDir, String libId, String version, int docs, int chunks, long seed) throws Exception {
        return write(artifactsDir, libId, version, docs, chunks, seed, ModelPin.DEFAULT);
    }

    public static float[] unitVector(SplittableRandom random, int dims) {
        float[] v = new float[dims];
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dims; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
