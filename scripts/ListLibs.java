///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/artifact/ArtifactLayout.java ../shared/deadzone/artifact/EmbedderIdentity.java
//SOURCES ../shared/deadzone/artifact/Kind.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/HelpOption.java
//SOURCES ../shared/deadzone/cli/LibSelection.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/cli/RegistryOptions.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/godoc/GoPackageUrl.java ../shared/deadzone/godoc/ModulePath.java
//SOURCES ../shared/deadzone/godoc/ModuleSourceException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/LibrarySpec.java
//SOURCES ../shared/deadzone/registry/MatrixJson.java ../shared/deadzone/registry/Registry.java
//SOURCES ../shared/deadzone/registry/RegistryException.java ../shared/deadzone/registry/RegistryLoader.java
//SOURCES ../shared/deadzone/registry/ResolvedEntry.java ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/registry/VersionSpec.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java ../shared/deadzone/util/Utf8.java

import deadzone.artifact.ModelPin;
import deadzone.cli.Cli;
import deadzone.cli.HelpOption;
import deadzone.cli.LogOptions;
import deadzone.cli.RegistryOptions;
import deadzone.error.UserException;
import deadzone.registry.MatrixJson;
import deadzone.registry.ResolvedEntry;
import deadzone.util.RunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ListLibs", description = {"Resolves the registry to one JSON line on stdout: the scrape matrix, one object per (lib_id, version)",
        "with lib_id, version, slug, kind, url_count, fingerprint, cache_key and cache_path, and sibling_slug,",
        "sibling_cache_key and sibling_cache_path: another version of the same library whose artifact lends",
        "its vectors (empty strings when the library has one version).",
        "Never loads the model and never uses the network."})
public class ListLibs implements Callable<Integer> {
    @Mixin
    RegistryOptions registry;

    @Option(names = "--batch-size", paramLabel = "N",
        description = "Print an array of arrays of at most N entries (GitHub caps a matrix at 256).")
    Integer batchSize;

    @Mixin
    LogOptions logOptions;

    @Mixin
    HelpOption help;

    private final RunContext context;

    public ListLibs() {
        this(RunContext.process());
    }

    /** ListLibs reads nothing from its process but its options; it is built like every script. */
    public ListLibs(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (batchSize != null && batchSize < 1) {
            throw new UserException("--batch-size must be at least 1, not " + batchSize);
        }
        List<ResolvedEntry> all = registry.resolveAll(ModelPin.DEFAULT);
        List<ResolvedEntry> entries = registry.select(all);
        System.out.println(batchSize == null ? MatrixJson.flat(entries, all) : MatrixJson.batched(entries, all, batchSize));
        return 0;
    }

    public static void main(String... args) {
        Cli.main(new ListLibs(), args);
    }
}
