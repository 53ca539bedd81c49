///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Meta.java
//SOURCES ../shared/deadzone/artifact/ModelPin.java ../shared/deadzone/artifact/PipelineVersion.java
//SOURCES ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/DatabaseModelOption.java
//SOURCES ../shared/deadzone/cli/HelpOption.java ../shared/deadzone/cli/LibSelection.java
//SOURCES ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/godoc/PackageOverview.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/search/ApiBeforeOverview.java ../shared/deadzone/search/FtsQuery.java
//SOURCES ../shared/deadzone/search/Fusion.java ../shared/deadzone/search/Hit.java
//SOURCES ../shared/deadzone/search/HybridSearch.java ../shared/deadzone/search/LibHit.java
//SOURCES ../shared/deadzone/search/LibIdSuggestions.java ../shared/deadzone/search/QueryTerms.java
//SOURCES ../shared/deadzone/search/ScopeHint.java ../shared/deadzone/search/SearchOutput.java
//SOURCES ../shared/deadzone/search/Snippets.java ../shared/deadzone/search/VectorIndex.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java

import deadzone.cli.Cli;
import deadzone.cli.DatabaseModelOption;
import deadzone.cli.HelpOption;
import deadzone.cli.LibSelection;
import deadzone.cli.LogOptions;
import deadzone.embed.Embedder;
import deadzone.error.RunFailure;
import deadzone.error.UserException;
import deadzone.search.HybridSearch;
import deadzone.search.LibHit;
import deadzone.search.LibIdSuggestions;
import deadzone.search.SearchOutput;
import deadzone.store.Sqlite;
import deadzone.util.RunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "Search", description = {"Queries deadzone.db: vector similarity, with BM25 full-text matches adding to it,",
        "neighbouring chunks merged back, the answer cut to a token budget. Each snippet names its lib and version.",
        "With --libs, ranks libraries instead of snippets."})
public class Search implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "What to look for.")
    String query;

    @Option(names = "--libs", paramLabel = "QUERY", description = "Rank libraries (lib_id words and description) for this query.")
    String libsQuery;

    @Option(names = "--db", defaultValue = "deadzone.db", paramLabel = "FILE", description = "The database (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--lib", paramLabel = "ID", description = "Only this lib_id.")
    String lib;

    @Option(names = "--version", paramLabel = "V", description = "Only this version of --lib.")
    String version;

    @Option(names = "--limit", defaultValue = "10", paramLabel = "N", description = "At most N snippets (default: ${DEFAULT-VALUE}).")
    int limit;

    /** A million tokens is several books: more is a typo, and sizes arithmetic. */
    static final int MAX_TOKENS = 1_000_000;

    @Option(names = "--tokens", defaultValue = "5000", paramLabel = "N",
        description = "Token budget of the answer, about 4 characters a token (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--lexical-only", description = "BM25 only: skip loading the model (fast, exact words only).")
    boolean lexicalOnly;

    @Mixin
    DatabaseModelOption databaseModel;

    @Mixin
    LogOptions logOptions;

    @Mixin
    HelpOption help;

    private final RunContext context;

    public Search() {
        this(RunContext.process());
    }

    /** Tests pass their own environment, working folder and sleeper. */
    public Search(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        LibSelection.requireLibForVersion(lib, version);
        if ((query == null) == (libsQuery == null)) {
            throw new UserException("give a QUERY, or --libs QUERY (one of the two)");
        }
        if (limit < 1 || limit > HybridSearch.MAX_LIMIT || tokens < 1 || tokens > MAX_TOKENS) {
            throw new UserException("--limit must be 1 to " + HybridSearch.MAX_LIMIT + " and --tokens 1 to " + MAX_TOKENS
                + " (not " + limit + " and " + tokens + ")");
        }
        try (HybridSearch search = HybridSearch.open(db)) {
            return answer(search);
        } catch (SQLException e) {
            // Damage found only by a query (a malformed page): the same line as at opening.
            throw HybridSearch.notDeadzone(db, Sqlite.reason(e));
        }
    }

    private int answer(HybridSearch search) throws SQLException {
        if (lib != null) {
            List<String> versions = search.versionsOf(lib);
            if (versions.isEmpty()) {
                List<String> known = search.libraries(Integer.MAX_VALUE).stream().map(LibHit::libId).distinct().toList();
                throw new UserException("--lib " + lib + ": not in " + db + " (did you mean "
                    + String.join(", ", LibIdSuggestions.closest(lib, known, 3)) + "? Search --libs QUERY lists what is)");
            }
            if (version != null && !versions.contains(version)) {
                throw new UserException("--version " + version + ": " + lib + " in " + db + " has versions "
                    + String.join(", ", versions.stream().map(v -> v.isEmpty() ? "(none)" : v).toList()));
            }
        }
        try (Embedder embedder = lexicalOnly ? null : Embedder.load(databaseModel.dir(), context.env())) {
            if (embedder != null) {
                search.requireEmbedder(embedder.identity().canonical());
            }
            String out = libsQuery != null
                ? SearchOutput.libs(search.searchLibs(libsQuery, embedder == null ? null : embedder.embedQuery(libsQuery), limit), json)
                : SearchOutput.hits(search.search(query, embedder == null ? null : embedder::embedQuery, lib, version, limit, tokens), json);
            System.out.print(out);
        }
        return 0;
    }

    public static void main(String... args) {
        Cli.main(new Search(), args);
    }
}
