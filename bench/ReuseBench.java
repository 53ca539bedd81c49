///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../scripts/ScrapeLib.java
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/artifact/ScrapeState.java ../shared/deadzone/artifact/SkippedUrl.java
//SOURCES ../shared/deadzone/artifact/StateFile.java
//SOURCES ../shared/deadzone/chunk/Chunk.java ../shared/deadzone/chunk/Chunker.java
//SOURCES ../shared/deadzone/chunk/SectionSplitter.java ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/HelpOption.java
//SOURCES ../shared/deadzone/cli/LibSelection.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/cli/RegistryOptions.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/fetch/CappedBody.java ../shared/deadzone/fetch/DocumentText.java
//SOURCES ../shared/deadzone/fetch/FetchResult.java ../shared/deadzone/fetch/FetchSettings.java
//SOURCES ../shared/deadzone/fetch/Fetcher.java ../shared/deadzone/fetch/FetchingIncludeSource.java
//SOURCES ../shared/deadzone/fetch/GitHubAuth.java ../shared/deadzone/fetch/Validators.java
//SOURCES ../shared/deadzone/godoc/BuildConstraints.java ../shared/deadzone/godoc/ChecksumDatabase.java
//SOURCES ../shared/deadzone/godoc/CommentGroups.java ../shared/deadzone/godoc/CommentText.java
//SOURCES ../shared/deadzone/godoc/ContentsListing.java ../shared/deadzone/godoc/DirHash.java
//SOURCES ../shared/deadzone/godoc/DocComment.java ../shared/deadzone/godoc/DocumentBuilder.java
//SOURCES ../shared/deadzone/godoc/GoDocs.java ../shared/deadzone/godoc/GoDocument.java
//SOURCES ../shared/deadzone/godoc/GoFile.java ../shared/deadzone/godoc/GoFileProblem.java
//SOURCES ../shared/deadzone/godoc/GoFileReader.java ../shared/deadzone/godoc/GoLexer.java
//SOURCES ../shared/deadzone/godoc/GoPackageDocs.java ../shared/deadzone/godoc/GoPackageUrl.java
//SOURCES ../shared/deadzone/godoc/GoSkippedFile.java ../shared/deadzone/godoc/GoSourceFile.java
//SOURCES ../shared/deadzone/godoc/GoSyntaxException.java ../shared/deadzone/godoc/GoTokens.java
//SOURCES ../shared/deadzone/godoc/ModulePath.java ../shared/deadzone/godoc/ModuleSourceException.java
//SOURCES ../shared/deadzone/godoc/ModuleZip.java ../shared/deadzone/godoc/NoteVerifier.java
//SOURCES ../shared/deadzone/godoc/PackageOverview.java ../shared/deadzone/godoc/PackageReader.java
//SOURCES ../shared/deadzone/godoc/ZipReader.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/AtxHeading.java ../shared/deadzone/parse/BlankLines.java
//SOURCES ../shared/deadzone/parse/CachingIncludeSource.java ../shared/deadzone/parse/CodeLanguages.java
//SOURCES ../shared/deadzone/parse/DocumentNames.java ../shared/deadzone/parse/Fence.java
//SOURCES ../shared/deadzone/parse/FenceTracker.java ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/parse/HtmlParser.java ../shared/deadzone/parse/HtmlToMarkdown.java
//SOURCES ../shared/deadzone/parse/IncludeBase.java ../shared/deadzone/parse/IncludeResolver.java
//SOURCES ../shared/deadzone/parse/IncludeSource.java ../shared/deadzone/parse/MarkdownIncludes.java
//SOURCES ../shared/deadzone/parse/MarkdownParser.java ../shared/deadzone/parse/OutputBudget.java
//SOURCES ../shared/deadzone/parse/ParseLimitExceeded.java ../shared/deadzone/parse/ParsedDocument.java
//SOURCES ../shared/deadzone/parse/Parsers.java ../shared/deadzone/parse/RstBlocks.java
//SOURCES ../shared/deadzone/parse/RstInline.java ../shared/deadzone/parse/RstParser.java
//SOURCES ../shared/deadzone/parse/Section.java ../shared/deadzone/parse/SectionCollector.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/LibrarySpec.java
//SOURCES ../shared/deadzone/registry/Registry.java ../shared/deadzone/registry/RegistryException.java
//SOURCES ../shared/deadzone/registry/RegistryLoader.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/registry/Slugs.java ../shared/deadzone/registry/VersionSpec.java
//SOURCES ../shared/deadzone/scrape/EntryFailure.java ../shared/deadzone/scrape/EntryReport.java
//SOURCES ../shared/deadzone/scrape/EntryScraper.java ../shared/deadzone/scrape/EntryTally.java
//SOURCES ../shared/deadzone/scrape/GoPackageScraper.java ../shared/deadzone/scrape/LibraryText.java
//SOURCES ../shared/deadzone/scrape/ScrapeRun.java ../shared/deadzone/scrape/VectorReuse.java
//SOURCES ../shared/deadzone/store/ArtifactContent.java ../shared/deadzone/store/ArtifactWriter.java
//SOURCES ../shared/deadzone/store/PreviousArtifact.java ../shared/deadzone/store/SourceRecord.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/StoredChunk.java
//SOURCES ../shared/deadzone/store/StoredGoFile.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/Trees.java ../shared/deadzone/util/Utf8.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//RUNTIME_OPTIONS -Xmx2g

import deadzone.artifact.ArtifactLayout;
import deadzone.artifact.Kind;
import deadzone.artifact.ModelPin;
import deadzone.artifact.ScrapeState;
import deadzone.artifact.StateFile;
import deadzone.cli.Cli;
import deadzone.registry.Registry;
import deadzone.registry.ResolvedEntry;
import deadzone.store.Sqlite;
import deadzone.util.Trees;
import fakes.DocServer;
import fakes.Fixtures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * What a rebuild costs when little changed: ScrapeLib over the fixture registry cold, then again
 * unchanged (every url a 304, nothing embedded), then a library's second version scraped next
 * to its first (only the chunks whose text changed are embedded). Prints chunks embedded vs
 * reused and wall times.
 */
@Command(name = "ReuseBench", mixinStandardHelpOptions = true)
public class ReuseBench implements Callable<Integer> {
    @Option(names = "--fixtures", defaultValue = "../shared/fixtures") Path fixtures;
    @Option(names = "--dir", defaultValue = "build/bench-reuse") Path dir;
    @Option(names = "--cold-build", description = "Instead: a cold build of the fixture registry and of the fixtures' "
        + "Go packages, then what a cold build of --config would cost at those rates.")
    boolean coldBuild;
    @Option(names = "--config", defaultValue = "libraries_sources.yaml", description = "The registry --cold-build estimates.")
    Path config;

    @Override
    public Integer call() throws Exception {
        try (DocServer server = Fixtures.serve(fixtures, DocServer.builder())) {
            Files.createDirectories(dir);
            Path registry = dir.resolve("libraries_sources.yaml");
            Files.writeString(registry, Fixtures.registry(fixtures, server.baseUrl()));
            if (coldBuild) {
                coldBuild(server, registry);
                return 0;
            }
            Path all = fresh(dir.resolve("artifacts-all"));
            double cold = scrape(registry, all);
            Totals coldTotals = totals(all);
            print("cold run, every entry", cold, coldTotals);
            double warm = scrape(registry, all);
            Totals warmTotals = totals(all);
            print("unchanged re-run", warm, warmTotals);
            System.out.printf("unchanged re-run / cold run wall time: %.1f%%%n", 100 * warm / cold);

            Path pair = fresh(dir.resolve("artifacts-fastapi"));
            double first = scrape(registry, pair, "--lib", "/fastapi/fastapi", "--version", "0.134");
            print("FastAPI 0.134 alone", first, totals(pair));
            double second = scrape(registry, pair, "--lib", "/fastapi/fastapi", "--version", "0.135");
            ScrapeState s = StateFile.read(ArtifactLayout.stateIn(pair.resolve("fastapi_fastapi_0.135"))).orElseThrow();
            System.out.printf("%-34s %6.1f s  chunks %5s  embedded %5s  reused %5s%n", "FastAPI 0.135 next to 0.134",
                second, s.chunkCount(), s.chunksEmbedded(), s.chunksReused());
        }
        return 0;
    }

    record Totals(long chunks, long embedded, long reused, long notModified) {
    }

    /**
     * A cold build's cost per url of documentation pages and per Go package, measured on the
     * fixtures, and what the registry {@code --config} would cost at those rates (one machine,
     * entries one after the other; the workflow spreads them over runners).
     */
    void coldBuild(DocServer server, Path registry) throws Exception {
        Path pages = fresh(dir.resolve("cold-pages"));
        double pagesWall = scrape(registry, pages);
        Totals pagesTotals = totals(pages);
        long pageUrls = Registry.resolve(registry, ModelPin.DEFAULT).stream().mapToLong(e -> e.urls().size()).sum();

        Path goRegistry = dir.resolve("libraries_sources.godoc.yaml");
        Files.writeString(goRegistry, Fixtures.goRegistry(fixtures, server.baseUrl()));
        int packages = Registry.resolve(goRegistry, ModelPin.DEFAULT).size();
        Path go = fresh(dir.resolve("cold-go"));
        server.clearRequests();
        double goWall = scrape(goRegistry, go);
        long goRequests = server.requests().size();
        Totals goTotals = totals(go);
        long goDocuments = 0;
        try (Stream<Path> folders = Files.list(go)) {
            for (Path f : folders.toList()) {
                try (Connection conn = Sqlite.openReadOnly(ArtifactLayout.dbIn(f)); Statement st = conn.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(DISTINCT url) FROM docs")) {
                    goDocuments += rs.next() ? rs.getLong(1) : 0;
                }
            }
        }
        server.clearRequests();
        double goAgainWall = scrape(goRegistry, go);
        List<DocServer.Request> again = server.requests();
        Totals goAgain = totals(go);

        List<ResolvedEntry> entries = Registry.resolve(config, ModelPin.DEFAULT);
        long godoc = entries.stream().filter(e -> e.kind() == Kind.GODOC).count();
        long others = entries.size() - godoc;
        long otherUrls = entries.stream().filter(e -> e.kind() != Kind.GODOC).mapToLong(e -> e.urls().size()).sum();

        System.out.printf("fixture pages, cold:       %3d urls      %6.1f s  chunks %5d  embedded %5d  (%.1f chunks and %.2f s a url)%n",
            pageUrls, pagesWall, pagesTotals.chunks(), pagesTotals.embedded(), (double) pagesTotals.chunks() / pageUrls, pagesWall / pageUrls);
        System.out.printf("Go packages, cold:         %3d packages  %6.1f s  documents %4d  chunks %5d  embedded %5d  requests %d%n",
            packages, goWall, goDocuments, goTotals.chunks(), goTotals.embedded(), goRequests);
        System.out.printf("Go packages, unchanged:    %3d packages  %6.1f s  chunks %5d  embedded %5d  requests %d (%d conditional, %d answered 304)%n",
            packages, goAgainWall, goAgain.chunks(), goAgain.embedded(), again.size(),
            again.stream().filter(r -> r.header("If-None-Match") != null).count(), again.stream().filter(r -> r.status() == 304).count());
        double perPackage = (double) goTotals.chunks() / packages;
        System.out.printf("%n%s: %d entries: %d godoc, %d others with %d urls%n", config, entries.size(), godoc, others, otherUrls);
        System.out.printf("  godoc, at %.1f documents, %.1f chunks, %.1f requests and %.2f s a package: %.0f documents, %.0f chunks, "
                + "%.0f requests, %.0f s%n", (double) goDocuments / packages, perPackage, (double) goRequests / packages, goWall / packages,
            godoc * (double) goDocuments / packages, godoc * perPackage, godoc * (double) goRequests / packages, godoc * goWall / packages);
        System.out.printf("  others, at %.1f chunks and %.2f s a url: %.0f chunks, %.0f s%n", (double) pagesTotals.chunks() / pageUrls,
            pagesWall / pageUrls, otherUrls * (double) pagesTotals.chunks() / pageUrls, otherUrls * pagesWall / pageUrls);
        System.out.printf("  the whole registry, cold, on this machine one entry after the other: about %.0f chunks, %.0f min%n",
            godoc * perPackage + otherUrls * (double) pagesTotals.chunks() / pageUrls,
            (godoc * goWall / packages + otherUrls * pagesWall / pageUrls) / 60);
    }

    static Totals totals(Path artifacts) throws Exception {
        long chunks = 0, embedded = 0, reused = 0, notModified = 0;
        try (Stream<Path> folders = Files.list(artifacts)) {
            for (Path f : folders.toList()) {
                ScrapeState s = StateFile.read(ArtifactLayout.stateIn(f)).orElse(null);
                if (s != null) {
                    chunks += s.chunkCount();
                    embedded += s.chunksEmbedded();
                    reused += s.chunksReused();
                    notModified += s.urlsNotModified();
                }
            }
        }
        return new Totals(chunks, embedded, reused, notModified);
    }

    static void print(String what, double seconds, Totals t) {
        System.out.printf("%-34s %6.1f s  chunks %5d  embedded %5d  reused %5d  urls answered 304: %d%n",
            what, seconds, t.chunks(), t.embedded(), t.reused(), t.notModified());
    }

    /** Runs ScrapeLib in this JVM (the model stays loaded between runs, as in one CI job), logs to a file. */
    double scrape(Path registry, Path artifacts, String... filter) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--config", registry.toString(), "--artifacts", artifacts.toString()));
        args.addAll(List.of(filter));
        PrintStream err = System.err;
        try (PrintStream log = new PrintStream(Files.newOutputStream(dir.resolve("scrape.log"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
            System.setErr(log);
            long t0 = System.nanoTime();
            int code = Cli.execute(new ScrapeLib(), args.toArray(String[]::new));
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("ScrapeLib exited " + code + "; see " + dir.resolve("scrape.log"));
            }
            return seconds;
        } finally {
            System.setErr(err);
        }
    }

    static Path fresh(Path p) throws Exception {
        Trees.delete(p);
        Files.createDirectories(p);
        return p;
    }

    public static void main(String... args) {
        System.exit(new CommandLine(new ReuseBench()).execute(args));
    }
}
