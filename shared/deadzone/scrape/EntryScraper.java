package deadzone.scrape;

import deadzone.util.AtomicFiles;
import deadzone.PipelineVersion;
import deadzone.chunk.Chunk;
import deadzone.chunk.Chunker;
import deadzone.embed.Embedder;
import deadzone.fetch.DocumentText;
import deadzone.fetch.FetchResult;
import deadzone.fetch.Fetcher;
import deadzone.fetch.Validators;
import deadzone.log.Log;
import deadzone.parse.IncludeSource;
import deadzone.parse.ParsedDocument;
import deadzone.parse.Parsers;
import deadzone.registry.ResolvedEntry;
import deadzone.store.ArtifactContent;
import deadzone.store.ArtifactWriter;
import deadzone.store.PreviousArtifact;
import deadzone.store.SourceRecord;
import deadzone.store.StateFile;
import deadzone.store.StoredChunk;
import deadzone.util.Hashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One (lib_id, version): fetch every url, parse, chunk, embed what is new, write
 * artifacts/&lt;slug&gt;/. Nothing is written unless the whole entry succeeds.
 */
public final class EntryScraper {
    /** Shared by every entry of a run. */
    public record Tools(Fetcher fetcher, IncludeSource includes, Embedder embedder, Chunker chunker,
                        Path artifactsDir, String runId, int skipCeiling) {
    }

    private final Tools tools;

    public EntryScraper(Tools tools) {
        this.tools = tools;
    }

    /** The artifact an entry would replace, if a usable one is there. */
    public Optional<PreviousArtifact> previousOf(ResolvedEntry entry) {
        return PreviousArtifact.open(artifactDb(entry), tools.embedder().identity(), entry.kind().yamlName());
    }

    private Path artifactDb(ResolvedEntry entry) {
        return tools.artifactsDir().resolve(entry.slug()).resolve(ArtifactWriter.FILE_NAME);
    }

    /**
     * Scrapes {@code entry}; {@code previous} is its current artifact (whose vectors the caller
     * has put into {@code reuse} along with those of the library's other versions).
     */
    public EntryReport scrape(ResolvedEntry entry, VectorReuse reuse, Optional<PreviousArtifact> previous) {
        long start = System.nanoTime();
        Path artifactDb = artifactDb(entry);
        Path folder = artifactDb.getParent();

        List<SourceRecord> sources = new ArrayList<>();
        List<SkippedUrl> skipped = new ArrayList<>();
        List<String> includeProblems = new ArrayList<>();
        List<String> staleUrls = new ArrayList<>();
        List<StoredChunk> reusedWhole = new ArrayList<>();
        List<Chunk> chunks = new ArrayList<>();
        int docs = 0;
        int notModified = 0;
        try {
            for (int index = 0; index < entry.urls().size(); index++) {
                final int i = index;
                String url = entry.urls().get(i);
                Log.info("fetch", "lib_id", entry.libId(), "version", entry.version(), "url", (i + 1) + "/" + entry.urls().size(), "href", url);
                Optional<SourceRecord> before = previous.flatMap(p -> p.validatorsFor(url));
                FetchResult fetched = tools.fetcher().fetch(url,
                    before.map(s -> new Validators(s.etag(), s.lastModified())).orElse(Validators.NONE));
                switch (fetched.outcome()) {
                    case NOT_MODIFIED -> {
                        List<StoredChunk> kept = previous.orElseThrow().chunksFor(url, i);
                        reusedWhole.addAll(kept);
                        docs++;
                        notModified++;
                        SourceRecord old = before.orElseThrow();
                        sources.add(new SourceRecord(url, fetched.etag() != null ? fetched.etag() : old.etag(),
                            fetched.lastModified() != null ? fetched.lastModified() : old.lastModified(), old.sha256(), "not_modified"));
                    }
                    case MISSING -> {
                        skipped.add(new SkippedUrl(url, fetched.reason()));
                        sources.add(new SourceRecord(url, null, null, null, "missing: " + fetched.reason()));
                    }
                    case FAILED -> {
                        if (isClientError(fetched.status()) || Thread.currentThread().isInterrupted()) {
                            throw new EntryFailure(url + ": " + fetched.reason());
                        }
                        List<StoredChunk> kept = previous.map(p -> p.chunksFor(url, i)).orElse(List.of());
                        if (!kept.isEmpty()) {
                            // A passing outage must not drop docs the last good run had: keep them.
                            SourceRecord old = before.orElse(new SourceRecord(url, null, null, null, ""));
                            reusedWhole.addAll(kept);
                            docs++;
                            staleUrls.add(url + ": " + fetched.reason());
                            sources.add(new SourceRecord(url, old.etag(), old.lastModified(), old.sha256(),
                                "stale: " + fetched.reason()));
                            Log.warn("url_stale", entry.label() + ": " + url + " failed (" + fetched.reason()
                                + "); keeping its chunks from the previous artifact");
                            break;
                        }
                        skipped.add(new SkippedUrl(url, fetched.reason()));
                        sources.add(new SourceRecord(url, null, null, null, "failed: " + fetched.reason()));
                    }
                    case OK -> {
                        DocumentText text = DocumentText.decode(fetched, entry.kind());
                        if (!text.isText()) {
                            skipped.add(new SkippedUrl(url, text.reason()));
                            sources.add(new SourceRecord(url, null, null, Hashes.sha256Hex(fetched.body()), "failed: " + text.reason()));
                            break;
                        }
                        ParsedDocument parsed = Parsers.parse(entry.kind(), url, text.text(), tools.includes());
                        for (String problem : parsed.problems()) {
                            includeProblems.add(url + ": " + problem);
                            Log.warn("include_failed", entry.label() + ": " + url + ": " + problem);
                        }
                        chunks.addAll(tools.chunker().chunk(parsed.sections(), i));
                        docs++;
                        sources.add(new SourceRecord(url, fetched.etag(), fetched.lastModified(),
                            Hashes.sha256Hex(fetched.body()), "ok"));
                    }
                }
                if (skipped.size() > tools.skipCeiling()) {
                    throw new EntryFailure(skipped.size() + " urls skipped, more than the ceiling of " + tools.skipCeiling()
                        + " (last: " + skipped.get(skipped.size() - 1).url() + ": " + skipped.get(skipped.size() - 1).reason() + ")");
                }
            }
            if (docs == staleUrls.size()) {
                // Nothing answered: an outage of the whole site is a failed entry (its older
                // artifact is restored as stale), not a new artifact made only of old chunks.
                throw new EntryFailure(docs == 0 ? "no url gave a document" : "no url answered; every document would be "
                    + "an old copy (" + staleUrls.get(0) + ")");
            }

            Embedded embedded = embed(chunks, reuse);
            List<StoredChunk> stored = new ArrayList<>(reusedWhole.size() + embedded.chunks().size());
            stored.addAll(reusedWhole);
            stored.addAll(embedded.chunks());
            stored.sort((a, b) -> a.chunk().docIndex() != b.chunk().docIndex()
                ? Integer.compare(a.chunk().docIndex(), b.chunk().docIndex())
                : Integer.compare(a.chunk().chunkIndex(), b.chunk().chunkIndex()));
            float[] libVector = libVector(entry, reuse);

            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            Files.createDirectories(folder);
            AtomicFiles.removeLeftoverScratch(artifactDb);
            Path stateFile = folder.resolve(StateFile.FILE_NAME);
            AtomicFiles.removeLeftoverScratch(stateFile);
            int reusedCount = reusedWhole.size() + embedded.reused();
            // Both files are complete before either is renamed, then renamed back to back.
            Path stateScratch = AtomicFiles.scratchBeside(stateFile);
            try {
                Files.writeString(stateScratch, StateFile.render(state(entry, folder, now, docs, stored.size(),
                    embedded.embedded(), reusedCount, notModified, skipped, includeProblems, staleUrls)));
                ArtifactWriter.write(artifactDb, new ArtifactContent(entry, tools.embedder().identity(), now, docs,
                    libVector, stored, sources));
                AtomicFiles.publish(stateScratch, stateFile);
            } finally {
                Files.deleteIfExists(stateScratch);
            }
            return new EntryReport(entry, true, null, docs, stored.size(), embedded.embedded(), reusedCount,
                notModified, skipped, includeProblems, seconds(start));
        } catch (EntryFailure e) {
            return failed(entry, e.getMessage(), skipped, includeProblems, start);
        } catch (RuntimeException e) {
            // One entry's surprise must not take the other entries of the run down with it.
            Log.debug("entry_exception", "lib_id", entry.libId(), "exception", e.toString());
            return failed(entry, "unexpected error: " + e, skipped, includeProblems, start);
        } catch (IOException | SQLException e) {
            return failed(entry, "could not write " + artifactDb + ": " + e.getMessage(), skipped, includeProblems, start);
        }
    }

    private static boolean isClientError(int status) {
        return status >= 400 && status < 500 && status != 404 && status != 410 && status != 429;
    }

    private record Embedded(List<StoredChunk> chunks, int embedded, int reused) {
    }

    /** Embeds only the chunks whose exact input no earlier run or version has embedded. */
    private Embedded embed(List<Chunk> chunks, VectorReuse reuse) {
        List<String> keys = new ArrayList<>(chunks.size());
        Map<String, String> missing = new LinkedHashMap<>();
        for (Chunk c : chunks) {
            String key = PreviousArtifact.inputKey(c);
            keys.add(key);
            if (reuse.get(key) == null) {
                missing.putIfAbsent(key, c.embeddingInput());
            }
        }
        if (!missing.isEmpty()) {
            List<String> order = new ArrayList<>(missing.keySet());
            float[][] vectors = tools.embedder().embedDocuments(new ArrayList<>(missing.values()));
            for (int i = 0; i < order.size(); i++) {
                reuse.add(order.get(i), vectors[i]);
            }
        }
        List<StoredChunk> out = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            out.add(new StoredChunk(chunks.get(i), reuse.get(keys.get(i))));
        }
        return new Embedded(out, missing.size(), chunks.size() - missing.size());
    }

    /** The library's own vector, for library search: its lib_id words and its description. */
    private float[] libVector(ResolvedEntry entry, VectorReuse reuse) {
        String text = LibraryText.of(entry.libId(), entry.description());
        String key = "lib:" + Hashes.sha256Hex(text);
        float[] v = reuse.get(key);
        if (v == null) {
            v = tools.embedder().embedDocuments(List.of(text))[0];
            reuse.add(key, v);
        }
        return v;
    }

    private Map<String, Object> state(ResolvedEntry e, Path folder, String now, int docs, int chunks, int embedded,
                                      int reused, int notModified, List<SkippedUrl> skipped, List<String> includeProblems,
                                      List<String> staleUrls) {
        String createdAt = StateFile.read(folder.resolve(StateFile.FILE_NAME))
            .map(m -> m.get("created_at")).map(Object::toString).orElse(now);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("lib_id", e.libId());
        s.put("version", e.version());
        s.put("kind", e.kind().yamlName());
        s.put("ref", e.ref() == null ? "" : e.ref());
        s.put("fingerprint", e.fingerprint());
        s.put("cache_key", e.cacheKey());
        s.put("schema_version", PipelineVersion.SCHEMA);
        s.put("pipeline_version", PipelineVersion.PIPELINE);
        s.put("embedder", tools.embedder().identity().canonical());
        s.put("url_count", e.urls().size());
        s.put("doc_count", docs);
        s.put("chunk_count", chunks);
        s.put("chunks_embedded", embedded);
        s.put("chunks_reused", reused);
        s.put("urls_not_modified", notModified);
        List<Map<String, String>> skippedList = new ArrayList<>();
        for (SkippedUrl u : skipped) {
            skippedList.add(Map.of("url", u.url(), "reason", u.reason()));
        }
        s.put("skipped", skippedList);
        s.put("include_problems", includeProblems);
        s.put("stale_urls", staleUrls);
        s.put("created_at", createdAt);
        s.put("updated_at", now);
        s.put("run_id", tools.runId());
        return s;
    }

    private static EntryReport failed(ResolvedEntry entry, String why, List<SkippedUrl> skipped,
                                      List<String> includeProblems, long start) {
        return new EntryReport(entry, false, why, 0, 0, 0, 0, 0, skipped, includeProblems, seconds(start));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
