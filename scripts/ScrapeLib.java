///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
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
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java ../shared/deadzone/util/Utf8.java

import deadzone.artifact.ArtifactLayout;
import deadzone.artifact.ModelPin;
import deadzone.chunk.Chunker;
import deadzone.cli.Cli;
import deadzone.cli.HelpOption;
import deadzone.cli.LogOptions;
import deadzone.cli.RegistryOptions;
import deadzone.embed.Embedder;
import deadzone.embed.ModelFiles;
import deadzone.error.UserException;
import deadzone.fetch.FetchSettings;
import deadzone.fetch.Fetcher;
import deadzone.fetch.FetchingIncludeSource;
import deadzone.godoc.ChecksumDatabase;
import deadzone.log.Log;
import deadzone.parse.IncludeSource;
import deadzone.registry.ResolvedEntry;
import deadzone.scrape.EntryReport;
import deadzone.scrape.EntryScraper;
import deadzone.scrape.GoPackageScraper;
import deadzone.scrape.ScrapeRun;
import deadzone.util.RunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ScrapeLib", description = {"Fetches, parses, chunks and embeds one registry entry (--lib, --version) or, without --lib, every entry,",
        "writing artifacts/<slug>/artifact.db and state.yaml. A failed entry leaves its previous artifact untouched.",
        "Exit 0 when every entry succeeded, 1 when any failed (the others are still written), 2 on bad input."})
public class ScrapeLib implements Callable<Integer> {
    @Mixin
    RegistryOptions registry;

    @Option(names = "--artifacts", defaultValue = ArtifactLayout.DEFAULT_FOLDER, paramLabel = "DIR",
        description = "Where artifact folders go (default: ${DEFAULT-VALUE}).")
    Path artifacts;

    @Option(names = "--parallel", defaultValue = "2", paramLabel = "N",
        description = "Libraries scraped at once (default: ${DEFAULT-VALUE}); versions of one library run in turn.")
    int parallel;

    @Option(names = "--skip-ceiling", defaultValue = "5", paramLabel = "N",
        description = "An entry with more skipped urls than this fails (default: ${DEFAULT-VALUE}).")
    int skipCeiling;

    @Option(names = "--model-dir", paramLabel = "DIR",
        description = "A model folder (model.onnx, tokenizer.json, embedder.properties) instead of the default model; "
            + "also DEADZONE_MODEL_DIR.")
    Path modelDir;

    @Mixin
    LogOptions logOptions;

    @Mixin
    HelpOption help;

    private final RunContext context;

    public ScrapeLib() {
        this(RunContext.process());
    }

    /** Tests pass their own environment, working folder and sleeper. */
    public ScrapeLib(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (parallel < 1) {
            throw new UserException("--parallel must be at least 1, not " + parallel);
        }
        if (skipCeiling < 0) {
            throw new UserException("--skip-ceiling must not be negative");
        }
        if (modelDir == null && context.env(ModelFiles.ENV_MODEL_DIR) == null) {
            // Bad registries and filters fail before the model is loaded.
            registry.resolve(ModelPin.DEFAULT);
        }
        Clock clock = context.clock(); // a bad SOURCE_DATE_EPOCH stops the run before any work
        ChecksumDatabase.Server checksums = GoPackageScraper.checksumDatabase(context.env()); // so does a bad DEADZONE_GOSUMDB
        try (Embedder embedder = Embedder.load(modelDir, context.env())) {
            List<ResolvedEntry> all = registry.resolveAll(embedder.identity());
            List<ResolvedEntry> entries = registry.select(all);
            Fetcher fetcher = new Fetcher(FetchSettings.fromEnvironment(context.env()), context.sleeper());
            EntryScraper.Tools tools = new EntryScraper.Tools(fetcher,
                IncludeSource.cached(new FetchingIncludeSource(fetcher)), embedder,
                new Chunker(embedder), artifacts, context.runId(), skipCeiling, clock, checksums);
            List<EntryReport> reports = ScrapeRun.run(entries, all, tools, parallel);
            long failed = reports.stream().filter(r -> !r.succeeded()).count();
            Log.info("scrape_done", "entries", reports.size(), "failed", failed,
                "embedded", reports.stream().mapToInt(EntryReport::embedded).sum(),
                "reused", reports.stream().mapToInt(EntryReport::reused).sum());
            if (failed > 0) {
                Log.fatal("ScrapeLib: " + failed + " of " + reports.size() + " entries failed: " + String.join("; ",
                    reports.stream().filter(r -> !r.succeeded()).map(r -> r.entry().label() + ": " + r.failure()).toList()));
                return 1;
            }
            return 0;
        }
    }

    public static void main(String... args) {
        Cli.main(new ScrapeLib(), args);
    }
}
