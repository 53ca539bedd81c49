///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/PipelineVersion.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/HelpOption.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/cli/RegistryOptions.java
//SOURCES ../shared/deadzone/embed/EmbedderIdentity.java ../shared/deadzone/embed/ModelPin.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/Kind.java
//SOURCES ../shared/deadzone/registry/LibrarySpec.java ../shared/deadzone/registry/MatrixJson.java
//SOURCES ../shared/deadzone/registry/Registry.java ../shared/deadzone/registry/RegistryException.java
//SOURCES ../shared/deadzone/registry/RegistryLoader.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/registry/Slugs.java ../shared/deadzone/registry/VersionSpec.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java

import deadzone.cli.Cli;
import deadzone.cli.HelpOption;
import deadzone.cli.LogOptions;
import deadzone.cli.RegistryOptions;
import deadzone.error.UserException;
import deadzone.embed.ModelPin;
import deadzone.registry.MatrixJson;
import deadzone.registry.ResolvedEntry;
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
