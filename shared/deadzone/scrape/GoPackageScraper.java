package deadzone.scrape;

import deadzone.artifact.Kind;
import deadzone.chunk.Chunk;
import deadzone.chunk.Chunker;
import deadzone.error.UserException;
import deadzone.fetch.DocumentText;
import deadzone.fetch.FetchResult;
import deadzone.fetch.Fetcher;
import deadzone.fetch.Validators;
import deadzone.godoc.ChecksumDatabase;
import deadzone.godoc.ContentsListing;
import deadzone.godoc.GoDocs;
import deadzone.godoc.GoDocument;
import deadzone.godoc.GoFileProblem;
import deadzone.godoc.GoPackageDocs;
import deadzone.godoc.GoPackageUrl;
import deadzone.godoc.GoSourceFile;
import deadzone.godoc.ModuleSourceException;
import deadzone.godoc.ModuleZip;
import deadzone.log.Log;
import deadzone.parse.Section;
import deadzone.registry.ResolvedEntry;
import deadzone.store.PreviousArtifact;
import deadzone.store.SourceRecord;
import deadzone.store.StoredChunk;
import deadzone.store.StoredGoFile;
import deadzone.util.Hashes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fetch step of a {@code kind: godoc} url (docs/pipeline.md, "Go packages"): one package,
 * read from a GitHub Contents API listing and its files' download urls, or from a module proxy
 * zip verified against the checksum database, then one document per exported identifier, each
 * chunked on its own and stored under its pkg.go.dev url. Conditional requests and reuse stay
 * keyed on what was fetched: the listing (or zip) url carries the validators, each file its git
 * blob sha, and a 304 takes over every chunk stored under the package's page.
 */
public final class GoPackageScraper {
    /** The checksum database to ask, in the go command's GOSUMDB form; sum.golang.org when unset. */
    public static final String ENV_CHECKSUM_DATABASE = "DEADZONE_GOSUMDB";

    private final Fetcher fetcher;
    private final Chunker chunker;
    private final ChecksumDatabase.Server checksums;

    GoPackageScraper(Fetcher fetcher, Chunker chunker, ChecksumDatabase.Server checksums) {
        this.fetcher = fetcher;
        this.chunker = chunker;
        this.checksums = checksums;
    }

    /** The checksum database {@value #ENV_CHECKSUM_DATABASE} names, or sum.golang.org; a bad value is a usage error. */
    public static ChecksumDatabase.Server checksumDatabase(Map<String, String> env) {
        String setting = env.get(ENV_CHECKSUM_DATABASE);
        if (setting == null || setting.isBlank()) {
            return ChecksumDatabase.Server.sumGolangOrg();
        }
        try {
            return ChecksumDatabase.Server.parse(setting);
        } catch (ModuleSourceException e) {
            throw new UserException(ENV_CHECKSUM_DATABASE + ": " + e.getMessage());
        }
    }

    /** Fetches the package of {@code entry}'s url {@code i} into {@code out}. */
    void fetch(ResolvedEntry entry, int i, Optional<PreviousArtifact> previous, EntryScraper.Fetched out, EntryTally tally)
        throws EntryFailure {
        String url = entry.urls().get(i);
        GoPackageUrl source;
        try {
            source = GoPackageUrl.parse(url);
        } catch (IllegalArgumentException e) {
            // The registry checks every godoc url; this only guards a caller that skipped it.
            throw new EntryFailure(e.getMessage());
        }
        GoUrl pkg = new GoUrl(entry, i, url, source.docsPage() + "#", previous, out, tally);
        if (source instanceof GoPackageUrl.ContentsDirectory dir) {
            fromListing(dir, pkg);
        } else {
            fromModuleZip((GoPackageUrl.ProxyZip) source, pkg);
        }
    }

    /** One url's work: where its documents go ({@code chunkPrefix}: the package page and "#"), and what the last run had. */
    private record GoUrl(ResolvedEntry entry, int index, String url, String chunkPrefix, Optional<PreviousArtifact> previous,
                           EntryScraper.Fetched out, EntryTally tally) {
        Optional<SourceRecord> before() {
            return previous.flatMap(p -> p.validatorsFor(url, chunkPrefix));
        }

        Validators validators() {
            return before().map(s -> new Validators(s.etag(), s.lastModified())).orElse(Validators.NONE);
        }

        List<StoredChunk> previousChunks() {
            return previous.map(p -> p.chunksUnder(chunkPrefix, index)).orElse(List.of());
        }

        List<StoredGoFile> previousFiles() {
            return previous.map(p -> p.goFilesOf(url)).orElse(List.of());
        }

        String label() {
            return entry.label() + ": " + url;
        }
    }

    // ---- GitHub: a listing, then each file

    private void fromListing(GoPackageUrl.ContentsDirectory dir, GoUrl pkg) throws EntryFailure {
        FetchResult listed = fetcher.fetch(pkg.url(), pkg.validators());
        switch (listed.outcome()) {
            case NOT_MODIFIED -> {
                // The same listing names the same files at the same shas: the package is unchanged.
                takeOver(pkg, listed);
                for (StoredGoFile f : pkg.previousFiles()) {
                    pkg.out().goFiles().add(f);
                    pkg.out().sources().add(new SourceRecord(f.downloadUrl(), null, null, Hashes.sha256Hex(f.content()), "not_modified"));
                }
            }
            case MISSING -> skipped(pkg, listed.reason());
            case FAILED -> failed(pkg, listed.reason(), listed.refused());
            case OK -> {
                ContentsListing listing;
                try {
                    listing = ContentsListing.parse(listed.body());
                } catch (ContentsListing.Malformed e) {
                    pkg.tally().skipped(pkg.url(), e.getMessage());
                    pkg.out().sources().add(new SourceRecord(pkg.url(), null, null, Hashes.sha256Hex(listed.body()), "failed: " + e.getMessage()));
                    return;
                }
                readListedFiles(dir, listing, listed, pkg);
            }
        }
    }

    private void readListedFiles(GoPackageUrl.ContentsDirectory dir, ContentsListing listing, FetchResult listed, GoUrl pkg)
        throws EntryFailure {
        List<GoSourceFile> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<StoredGoFile> goFiles = new ArrayList<>();
        List<SourceRecord> fileSources = new ArrayList<>();
        int downloaded = 0;
        int reused = 0;
        boolean incomplete = false;
        for (ContentsListing.Entry e : listing.goSources()) {
            if (!dir.allowsDownloadFrom(e.downloadUrl())) {
                problems.add(e.name() + ": its download_url " + e.downloadUrl() + " is neither on the listing's host nor on "
                    + GoPackageUrl.GITHUB_RAW_HOST + " over https; not fetched");
                continue;
            }
            Optional<byte[]> known = pkg.previous().flatMap(p -> p.goFile(e.sha()));
            byte[] bytes;
            if (known.isPresent()) {
                bytes = known.get();
                reused++;
                fileSources.add(new SourceRecord(e.downloadUrl(), null, null, Hashes.sha256Hex(bytes), "not_modified"));
            } else {
                FetchResult file = fetcher.fetch(e.downloadUrl());
                downloaded++;
                if (file.outcome() == FetchResult.Outcome.MISSING) {
                    pkg.tally().skipped(e.downloadUrl(), file.reason());
                    fileSources.add(new SourceRecord(e.downloadUrl(), null, null, null, "missing: " + file.reason()));
                    incomplete = true;
                    continue;
                }
                if (file.outcome() != FetchResult.Outcome.OK) {
                    // Without one of its files the package would be documented wrongly: the url fails as a whole.
                    failed(pkg, e.name() + ": " + file.reason(), file.refused());
                    return;
                }
                bytes = file.body();
                fileSources.add(new SourceRecord(e.downloadUrl(), file.etag(), file.lastModified(), Hashes.sha256Hex(bytes), "ok"));
            }
            String sha = ContentsListing.gitBlobSha(bytes);
            if (!sha.equals(e.sha())) {
                Log.warn("go_file_changed", pkg.label() + ": " + e.name() + " has git sha " + sha + ", the listing says " + e.sha()
                    + " (the ref moved between the two requests?)");
            }
            goFiles.add(new StoredGoFile(pkg.url(), e.name(), e.downloadUrl(), sha, bytes));
            DocumentText text = DocumentText.decodeKept(bytes, Kind.GODOC);
            if (text.isText()) {
                files.add(new GoSourceFile(e.name(), text.text()));
            } else {
                problems.add(e.name() + ": " + text.reason());
            }
        }
        GoPackageDocs docs = GoDocs.build(dir.importPath(), files);
        Log.info("go_package", "lib_id", pkg.entry().libId(), "package", dir.importPath(), "go_files", listing.goSources().size(),
            "downloaded", downloaded, "reused", reused, "documents", docs.documents().size());
        pkg.out().goFiles().addAll(goFiles);
        pkg.out().sources().addAll(fileSources);
        // A package documented without a missing file must not be taken over by a 304 next time:
        // without validators the listing is asked again, and the missing file with it.
        documented(pkg, docs, problems, new SourceRecord(pkg.url(), incomplete ? null : listed.etag(),
            incomplete ? null : listed.lastModified(), Hashes.sha256Hex(listed.body()), "ok"));
    }

    // ---- the module proxy: a zip, verified before it is read

    private void fromModuleZip(GoPackageUrl.ProxyZip zip, GoUrl pkg) throws EntryFailure {
        FetchResult fetched;
        String lookupUrl;
        try {
            fetched = fetcher.fetch(zip.zipUrl(), pkg.validators());
            lookupUrl = checksums.lookupUrl(zip.module(), zip.version());
        } catch (ModuleSourceException e) {
            throw new EntryFailure(pkg.url() + ": " + e.getMessage());
        }
        switch (fetched.outcome()) {
            case NOT_MODIFIED -> takeOver(pkg, fetched); // the zip checked last time, byte for byte
            case MISSING -> skipped(pkg, fetched.reason());
            case FAILED -> failed(pkg, fetched.reason(), fetched.refused());
            case OK -> {
                FetchResult answer = fetcher.fetch(lookupUrl);
                if (answer.outcome() == FetchResult.Outcome.FAILED && !answer.refused()) {
                    failed(pkg, "checksum database " + lookupUrl + ": " + answer.reason(), false);
                    return;
                }
                ModuleZip.Package module = verified(zip, pkg, fetched, answer, lookupUrl);
                GoPackageDocs docs = GoDocs.build(zip.module(), module.goFiles());
                Log.info("go_package", "lib_id", pkg.entry().libId(), "package", zip.module(), "go_files", module.goFiles().size(),
                    "zip_bytes", fetched.body().length, "h1", module.h1(), "documents", docs.documents().size());
                pkg.out().sources().add(new SourceRecord(lookupUrl, null, null, Hashes.sha256Hex(answer.body()), "ok"));
                documented(pkg, docs, List.of(), new SourceRecord(pkg.url(), fetched.etag(), fetched.lastModified(),
                    Hashes.sha256Hex(fetched.body()), "ok"));
            }
        }
    }

    /** The zip's package once the checksum database vouches for it; any doubt fails the entry, so nothing is written. */
    private ModuleZip.Package verified(GoPackageUrl.ProxyZip zip, GoUrl pkg, FetchResult fetched, FetchResult answer,
                                              String lookupUrl) throws EntryFailure {
        String refusal = pkg.url() + ": not read, the module zip could not be verified: ";
        if (answer.outcome() != FetchResult.Outcome.OK) {
            throw new EntryFailure(refusal + "the checksum database answered " + answer.reason() + " for " + lookupUrl);
        }
        DocumentText text = DocumentText.decodeRawFile(answer);
        if (!text.isText()) {
            throw new EntryFailure(refusal + "the checksum database's answer is " + text.reason());
        }
        try {
            ChecksumDatabase.Lookup lookup = ChecksumDatabase.parseLookup(text.text(), zip.module(), zip.version(), checksums.verifier());
            return ModuleZip.read(fetched.body(), zip.module(), zip.version(), "", lookup.zipHash(), ModuleZip.Limits.DEFAULT);
        } catch (ModuleSourceException e) {
            throw new EntryFailure(refusal + e.getMessage());
        }
    }

    // ---- what every answer comes to

    /** The package's documents, each chunked on its own (a tiny document never merges into its neighbour). */
    private void documented(GoUrl pkg, GoPackageDocs docs, List<String> fetchProblems, SourceRecord source) {
        List<String> problems = new ArrayList<>(fetchProblems);
        docs.problems().stream().map(GoFileProblem::toString).forEach(problems::add);
        for (String problem : problems) {
            pkg.tally().includeProblem(pkg.url() + ": " + problem);
            Log.warn("go_file_problem", pkg.label() + ": " + problem);
        }
        docs.skipped().forEach(s -> Log.debug("go_file_skipped", "lib_id", pkg.entry().libId(), "file", s.toString()));
        if (docs.documents().isEmpty()) {
            String reason = "no Go documentation in " + docs.importPath() + " (" + problems.size() + " file problem(s))";
            pkg.tally().skipped(pkg.url(), reason);
            pkg.out().sources().add(new SourceRecord(source.url(), source.etag(), source.lastModified(), source.sha256(),
                "failed: " + reason));
            return;
        }
        List<Chunk> chunks = new ArrayList<>();
        for (GoDocument d : docs.documents()) {
            String docUrl = pkg.chunkPrefix() + d.anchor();
            // Every chunk of a document carries the document's title (pkg.Name), whatever its heading path.
            List<Section> sections = d.sections(docUrl).stream()
                .map(s -> new Section(s.url(), d.title(), s.headingPath(), s.text())).toList();
            for (Chunk c : chunker.chunk(sections, pkg.index())) {
                chunks.add(new Chunk(c.url(), c.title(), c.headingPath(), c.text(), c.tokens(), pkg.index(), chunks.size()));
            }
        }
        pkg.out().toEmbed().addAll(chunks);
        pkg.tally().document();
        pkg.out().sources().add(source);
    }

    private static void takeOver(GoUrl pkg, FetchResult notModified) {
        SourceRecord old = pkg.before().orElseThrow();
        pkg.out().kept().addAll(pkg.previousChunks());
        pkg.tally().document();
        pkg.tally().notModified();
        pkg.out().sources().add(new SourceRecord(pkg.url(), notModified.etag() != null ? notModified.etag() : old.etag(),
            notModified.lastModified() != null ? notModified.lastModified() : old.lastModified(), old.sha256(), "not_modified"));
    }

    private static void skipped(GoUrl pkg, String reason) {
        pkg.tally().skipped(pkg.url(), reason);
        pkg.out().sources().add(new SourceRecord(pkg.url(), null, null, null, "missing: " + reason));
    }

    private static void failed(GoUrl pkg, String reason, boolean refused) throws EntryFailure {
        if (EntryScraper.failed(pkg.entry(), pkg.url(), reason, refused, pkg.previousChunks(), pkg.before(), pkg.out(), pkg.tally())) {
            pkg.out().goFiles().addAll(pkg.previousFiles());
        }
    }
}
