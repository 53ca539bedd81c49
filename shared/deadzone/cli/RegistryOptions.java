//DEPS info.picocli:picocli:4.7.7
package deadzone.cli;

import deadzone.artifact.EmbedderIdentity;
import deadzone.error.UserException;
import deadzone.registry.Registry;
import deadzone.registry.ResolvedEntry;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The registry and its filters, the same in every script that reads it ({@code @Mixin RegistryOptions}). */
public final class RegistryOptions {
    @Option(names = "--config", defaultValue = "libraries_sources.yaml", paramLabel = "FILE",
        description = "The registry (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--lib", paramLabel = "ID", description = "Only this lib_id (all its versions).")
    String lib;

    @Option(names = "--version", paramLabel = "V", description = "Only this version of --lib.")
    String version;

    /** The resolved entries the options select; a bad registry or filter is a {@link UserException}. */
    public List<ResolvedEntry> resolve(EmbedderIdentity embedder) {
        return select(resolveAll(embedder));
    }

    /** Every entry of the registry, whatever the filters say. */
    public List<ResolvedEntry> resolveAll(EmbedderIdentity embedder) {
        return Registry.resolve(config, embedder);
    }

    /** Filters entries resolved by {@link #resolveAll}. */
    public List<ResolvedEntry> select(List<ResolvedEntry> all) {
        LibSelection.requireLibForVersion(lib, version);
        return Registry.filter(all, lib, version);
    }
}
