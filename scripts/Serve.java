///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//CDS
//RUNTIME_OPTIONS -Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Meta.java
//SOURCES ../shared/deadzone/artifact/ModelPin.java ../shared/deadzone/artifact/PipelineVersion.java
//SOURCES ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/DatabaseModelOption.java
//SOURCES ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/github/GitHubApiException.java ../shared/deadzone/github/GitHubClient.java
//SOURCES ../shared/deadzone/github/GitHubRepo.java ../shared/deadzone/github/GitHubToken.java
//SOURCES ../shared/deadzone/github/OriginRemote.java ../shared/deadzone/github/RetryPolicy.java
//SOURCES ../shared/deadzone/godoc/PackageOverview.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/search/ApiBeforeOverview.java ../shared/deadzone/search/FtsQuery.java
//SOURCES ../shared/deadzone/search/Fusion.java ../shared/deadzone/search/Hit.java
//SOURCES ../shared/deadzone/search/HybridSearch.java ../shared/deadzone/search/LibHit.java
//SOURCES ../shared/deadzone/search/LibIdSuggestions.java ../shared/deadzone/search/QueryTerms.java
//SOURCES ../shared/deadzone/search/ScopeHint.java ../shared/deadzone/search/SearchOutput.java
//SOURCES ../shared/deadzone/search/Snippets.java ../shared/deadzone/search/VectorIndex.java
//SOURCES ../shared/deadzone/serve/BoundedLines.java ../shared/deadzone/serve/CacheFolder.java
//SOURCES ../shared/deadzone/serve/CachedRelease.java ../shared/deadzone/serve/DatabaseCompatibility.java
//SOURCES ../shared/deadzone/serve/DocsIndex.java ../shared/deadzone/serve/ForwardPipe.java
//SOURCES ../shared/deadzone/serve/JsonRpcLine.java ../shared/deadzone/serve/McpStdioServer.java
//SOURCES ../shared/deadzone/serve/ReleaseCache.java ../shared/deadzone/serve/ReleaseClient.java
//SOURCES ../shared/deadzone/serve/ReleaseDatabase.java ../shared/deadzone/serve/ReleaseRepository.java
//SOURCES ../shared/deadzone/serve/ReleaseUnavailable.java ../shared/deadzone/serve/Schemas.java
//SOURCES ../shared/deadzone/serve/SearchDocsTool.java ../shared/deadzone/serve/SearchLibrariesTool.java
//SOURCES ../shared/deadzone/serve/ServerModel.java ../shared/deadzone/serve/StdioGuard.java
//SOURCES ../shared/deadzone/serve/ToolArguments.java ../shared/deadzone/serve/ToolInputError.java
//SOURCES ../shared/deadzone/serve/ToolResults.java ../shared/deadzone/serve/WatchedStdout.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Backoff.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java

import deadzone.cli.Cli;
import deadzone.cli.DatabaseModelOption;
import deadzone.cli.LogOptions;
import deadzone.error.UserException;
import deadzone.log.Log;
import deadzone.serve.DocsIndex;
import deadzone.serve.McpStdioServer;
import deadzone.serve.ReleaseDatabase;
import deadzone.serve.ServerModel;
import deadzone.util.RunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "Serve", mixinStandardHelpOptions = true, version = "Serve (deadzone-pack)",
    description = {"An MCP server on stdin/stdout for AI coding assistants: the tools search_docs and search_libraries"
        + " over deadzone.db.",
        "With --db, serves that file and never uses the network. Otherwise serves deadzone.db from the GitHub Release of"
            + " --repo (default: DEADZONE_REPO, else the repository of this checkout) at --tag (default: the latest"
            + " release), kept in the user's cache folder (DEADZONE_DB_CACHE overrides) and checked against the release's"
            + " deadzone.db.sha256 at each start. DEADZONE_DB_OFFLINE=1 never uses the network; DEADZONE_DB_AUTOUPDATE=0"
            + " serves the cached file without checking. GITHUB_API_URL and GITHUB_TOKEN as for DbRelease.",
        "stdout carries JSON-RPC only; logs go to stderr. Exits when stdin closes."})
public class Serve implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "FILE", description = "Serve this database; no download, no network.")
    Path db;

    @Option(names = "--repo", paramLabel = "OWNER/NAME", description = "The repository whose release carries deadzone.db.")
    String repo;

    @Option(names = "--tag", paramLabel = "T", description = "The release's tag (default: the latest release).")
    String tag;

    @Mixin
    DatabaseModelOption databaseModel;

    @Option(names = "--fetch-only", description = "Download or update the release's database, print its path and exit"
        + " (a first download can outlast an assistant's start-up timeout).")
    boolean fetchOnly;

    @Mixin
    LogOptions logOptions;

    private final RunContext context;
    /** JSON-RPC goes to the process's real stdout, whatever System.out is later pointed at. */
    private final OutputStream out = new FileOutputStream(FileDescriptor.out);

    public Serve() {
        this(RunContext.process());
    }

    public Serve(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (db != null && (repo != null || tag != null)) {
            throw new UserException("--db serves a local file; --repo and --tag choose a release's database: give one or the other");
        }
        if (fetchOnly) {
            System.out.println((db != null ? db : ReleaseDatabase.resolve(repo, tag, context.env()::get, context.workDir())).toAbsolutePath());
            return 0;
        }
        // The model and the SDK load while the database is fetched and checked.
        ServerModel model = ServerModel.load(databaseModel.dir(), context.env());
        McpStdioServer.warmUp();
        DocsIndex index;
        try {
            index = DocsIndex.open(db != null ? db : ReleaseDatabase.resolve(repo, tag, context.env()::get, context.workDir()), model);
        } catch (RuntimeException refused) {
            model.close();
            throw refused;
        }
        // Whatever a library prints to System.out would corrupt the JSON-RPC stream: send it to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            McpStdioServer.run(index, context.stdin(), out);
        } finally {
            System.setOut(stdout);
            model.close();
            Log.info("serve_exit");
        }
        return 0;
    }

    public static void main(String... args) {
        Cli.main(new Serve(), args);
    }
}
