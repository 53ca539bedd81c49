package deadzone.scrape;

import deadzone.artifact.ArtifactIdentity;
import deadzone.artifact.ArtifactLayout;
import deadzone.artifact.Kind;
import deadzone.artifact.ScrapeState;
import deadzone.artifact.SkippedUrl;
import deadzone.artifact.StateFile;
import deadzone.chunk.Chunk;
import deadzone.chunk.Chunker;
import deadzone.embed.Embedder;
import deadzone.fetch.DocumentText;
import deadzone.fetch.FetchResult;
import deadzone.fetch.Fetcher;
import deadzone.fetch.Validators;
import deadzone.godoc.ChecksumDatabase;
import deadzone.log.Log;
import deadzone.parse.IncludeBase;
import deadzone.parse.IncludeSource;
import deadzone.parse.ParseLimitExceeded;
import deadzone.parse.ParsedDocument;
import deadzone.parse.Parsers;
import deadzone.registry.ResolvedEntry;
import deadzone.store.ArtifactContent;
import deadzone.store.ArtifactWriter;
import deadzone.store.PreviousArtifact;
import deadzone.store.SourceRecord;
import deadzone.store.StoredChunk;
import deadzone.store.StoredGoFile;
import deadzone.util.AtomicFiles;
import deadzone.util.Failures;
import deadzone.util.Hashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One (lib_id, version), in three steps (docs/pipeline.md): fetch every url (parsed and chunked,
 * or taken over from the previous artifact), embed what is new, publish artifacts/&lt;slug&gt;/.
 * Nothing is written unless the whole entry succeeds.
 */
public final class EntryScraper {
    /** Shared by every entry of a run; {@code clock} stamps scraped_at and state.yaml's times. */
    public record Tools(Fetcher fetcher, IncludeSource includes, Embedder embedder, Chunker chunker,
                        Path artifactsDir, String runId, int skipCeiling, Clock clock, ChecksumDatabase.Server checksums) {
    }

    /**
     * What the fetch step gathered: chunks to embed, chunks taken over whole, each url's record,
     * and the Go files of godoc packages (kept in the artifact for the next run).
     */
    record Fetched(List<Chunk> toEmbed, List<StoredChunk> kept, List<SourceRecord> sources, List<StoredGoFile> goFiles) {
    }

    private final Tools tools;
    private final ArtifactLayout layout;
    private final GoPackageScraper goPackages;

    public EntryScraper(Tools tools) {
        this.tools = tools;
        this.layout = new ArtifactLayout(tools.artifactsDir());
        this.goPackages = new GoPackageScraper(tools.fetcher(), tools.chunker(), tools.checksums());
    }

    /** The artifact an entry would replace, if a usable one is there. */
    public Optional<PreviousArtifact> previousOf(ResolvedEntry entry) {
        return PreviousArtifact.open(layout.db(entry.slug()), tools.embedder().identity(), entry.kind().yamlName());
    }

    /**
     * Scrapes {@code entry}; {@code previous} is its current artifact (whose vectors the caller
     * has put into {@code reuse} along with those of the library's other versions).
     */
    public EntryReport scrape(ResolvedEntry entry, VectorReuse reuse, Optional<PreviousArtifact> previous) {
        EntryTally tally = new EntryTally(entry);
        try {
            Fetched fetched = fetchAll(entry, previous, tally);
            List<StoredChunk> stored = embed(fetched, reuse, tally);
            publish(entry, stored, libVector(entry, reuse), fetched, tally);
            return tally.succeeded();
        } catch (EntryFailure e) {
            return tally.failed(e.getMessage());
        } catch (RuntimeException e) {
            // One entry's surprise must not take the other entries of the run down with it.
            Log.debug("entry_exception", "lib_id", entry.libId(), "exception", e.toString());
            return tally.failed("unexpected error: " + Failures.describe(e));
        } catch (IOException | SQLException e) {
            return tally.failed("could not write " + layout.db(entry.slug()) + ": " + Failures.describe(e));
        }
    }

    // ---- step 1: fetch

    private Fetched fetchAll(ResolvedEntry entry, Optional<PreviousArtifact> previous, EntryTally tally)
        throws EntryFailure {
        Fetched fetched = new Fetched(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < entry.urls().size(); i++) {
            fetchOne(entry, i, previous, fetched, tally);
            List<SkippedUrl> skipped = tally.skippedUrls();
            if (skipped.size() > tools.skipCeiling()) {
                throw new EntryFailure(skipped.size() + " urls skipped, more than the ceiling of " + tools.skipCeiling()
                    + " (last: " + skipped.get(skipped.size() - 1).url() + ": " + skipped.get(skipped.size() - 1).reason() + ")");
            }
        }
        if (tally.docs() == tally.staleUrls().size()) {
            // Nothing answered: an outage of the whole site is a failed entry (its older
            // artifact is restored as stale), not a new artifact made only of old chunks.
            throw new EntryFailure(tally.docs() == 0 ? "no url gave a document" : "no url answered; every document would be "
                + "an old copy (" + tally.staleUrls().get(0) + ")");
        }
        return fetched;
    }

    private void fetchOne(ResolvedEntry entry, int i, Optional<PreviousArtifact> previous, Fetched out, EntryTally tally)
        throws EntryFailure {
        String url = entry.urls().get(i);
        Log.info("fetch", "lib_id", entry.libId(), "version", entry.version(), "url", (i + 1) + "/" + entry.urls().size(), "href", url);
        if (entry.kind() == Kind.GODOC) {
            goPackages.fetch(entry, i, previous, out, tally);
            return;
        }
        Optional<SourceRecord> before = previous.flatMap(p -> p.validatorsFor(url));
        FetchResult fetched = tools.fetcher().fetch(url,
            before.map(s -> new Validators(s.etag(), s.lastModified())).orElse(Validators.NONE));
        switch (fetched.outcome()) {
            case NOT_MODIFIED -> {
                out.kept().addAll(previous.orElseThrow().chunksFor(url, i));
                tally.document();
                tally.notModified();
                SourceRecord old = before.orElseThrow();
                out.sources().add(new SourceRecord(url, fetched.etag() != null ? fetched.etag() : old.etag(),
                    fetched.lastModified() != null ? fetched.lastModified() : old.lastModified(), old.sha256(), "not_modified"));
            }
            case MISSING -> {
                tally.skipped(url, fetched.reason());
                out.sources().add(new SourceRecord(url, null, null, null, "missing: " + fetched.reason()));
            }
            case FAILED -> failed(entry, url, fetched.reason(), fetched.refused(),
                previous.map(p -> p.chunksFor(url, i)).orElse(List.of()), before, out, tally);
            case OK -> {
                DocumentText text = DocumentText.decode(fetched, entry.kind());
                if (!text.isText()) {
                    tally.skipped(url, text.reason());
                    out.sources().add(new SourceRecord(url, null, null, Hashes.sha256Hex(fetched.body()), "failed: " + text.reason()));
                    return;
                }
                ParsedDocument parsed;
                try {
                    parsed = Parsers.parse(entry.kind(), url, text.text(), tools.includes(), IncludeBase.of(url, entry.ref()));
                } catch (ParseLimitExceeded tooCostly) {
                    // A page that costs more than any documentation page: skipped like an undecodable one.
                    String reason = "not parsed: " + tooCostly.getMessage();
                    tally.skipped(url, reason);
                    out.sources().add(new SourceRecord(url, null, null, Hashes.sha256Hex(fetched.body()), "failed: " + reason));
                    return;
                }
                for (String problem : parsed.problems()) {
                    tally.includeProblem(url + ": " + problem);
                    Log.warn("include_failed", entry.label() + ": " + url + ": " + problem);
                }
                out.toEmbed().addAll(tools.chunker().chunk(parsed.sections(), i));
                tally.document();
                out.sources().add(new SourceRecord(url, fetched.etag(), fetched.lastModified(),
                    Hashes.sha256Hex(fetched.body()), "ok"));
            }
        }
    }

    /**
     * A url that could not be fetched: a refusal (or an interrupted run) fails the entry; otherwise
     * its previous chunks are kept and it is reported stale, or, with none, it is skipped.
     * Returns whether the previous chunks were kept.
     */
    static boolean failed(ResolvedEntry entry, String url, String reason, boolean refused, List<StoredChunk> previousChunks,
                          Optional<SourceRecord> before, Fetched out, EntryTally tally) throws EntryFailure {
        if (refused || Thread.currentThread().isInterrupted()) {
            throw new EntryFailure(url + ": " + reason);
        }
        if (!previousChunks.isEmpty()) {
            // A passing outage must not drop docs the last good run had: keep them.
            SourceRecord old = before.orElse(new SourceRecord(url, null, null, null, ""));
            out.kept().addAll(previousChunks);
            tally.document();
            tally.stale(url, reason);
            out.sources().add(new SourceRecord(url, old.etag(), old.lastModified(), old.sha256(), "stale: " + reason));
            Log.warn("url_stale", entry.label() + ": " + url + " failed (" + reason + "); keeping its chunks from the previous artifact");
            return true;
        }
        tally.skipped(url, reason);
        out.sources().add(new SourceRecord(url, null, null, null, "failed: " + reason));
        return false;
    }

    // ---- step 2: embed

    /** Embeds only the chunks whose exact input no earlier run or version has embedded; all chunks in document order. */
    private List<StoredChunk> embed(Fetched fetched, VectorReuse reuse, EntryTally tally) {
        List<Chunk> chunks = fetched.toEmbed();
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
        List<StoredChunk> stored = new ArrayList<>(fetched.kept().size() + chunks.size());
        stored.addAll(fetched.kept());
        for (int i = 0; i < chunks.size(); i++) {
            stored.add(new StoredChunk(chunks.get(i), reuse.get(keys.get(i))));
        }
        stored.sort(Comparator.comparingInt((StoredChunk s) -> s.chunk().docIndex())
            .thenComparingInt(s -> s.chunk().chunkIndex()));
        tally.vectors(stored.size(), missing.size(), fetched.kept().size() + chunks.size() - missing.size());
        return stored;
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

    // ---- step 3: publish

    /** Writes artifact.db and state.yaml: both complete before either is renamed, then renamed back to back. */
    private void publish(ResolvedEntry entry, List<StoredChunk> stored, float[] libVector, Fetched fetched,
                         EntryTally tally) throws IOException, SQLException {
        String now = Instant.now(tools.clock()).truncatedTo(ChronoUnit.SECONDS).toString();
        Path artifactDb = layout.db(entry.slug());
        Path stateFile = layout.state(entry.slug());
        Files.createDirectories(layout.folder(entry.slug()));
        AtomicFiles.removeLeftoverScratch(artifactDb);
        AtomicFiles.removeLeftoverScratch(stateFile);
        String createdAt = StateFile.read(stateFile).map(ScrapeState::createdAt).filter(s -> !s.isEmpty()).orElse(now);
        ScrapeState state = tally.state(ArtifactIdentity.current(tools.embedder().identity()), createdAt, now, tools.runId());
        Path stateScratch = AtomicFiles.scratchBeside(stateFile);
        try {
            Files.writeString(stateScratch, StateFile.render(state));
            ArtifactWriter.write(artifactDb, new ArtifactContent(entry, tools.embedder().identity(), now, tally.docs(),
                libVector, stored, fetched.sources(), fetched.goFiles()));
            AtomicFiles.publish(stateScratch, stateFile);
        } finally {
            Files.deleteIfExists(stateScratch);
        }
    }
}
