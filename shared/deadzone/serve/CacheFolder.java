package deadzone.serve;

import deadzone.error.UserException;
import deadzone.github.GitHubRepo;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where downloaded databases are kept: {@code DEADZONE_DB_CACHE} when set, else the user's cache
 * folder ({@code $XDG_CACHE_HOME} or {@code ~/.cache} on Linux, {@code ~/Library/Caches} on macOS,
 * {@code %LOCALAPPDATA%} on Windows) under {@code deadzone-pack/db}; one folder per repository inside.
 */
final class CacheFolder {
    static final String ENV = "DEADZONE_DB_CACHE";

    private CacheFolder() {
    }

    static Path forRepository(Function<String, String> env, String osName, Path home, GitHubRepo repo) {
        return root(env, osName, home).resolve(repo.owner()).resolve(repo.name());
    }

    static Path root(Function<String, String> env, String osName, Path home) {
        String configured = env.apply(ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip()).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path base;
        if (os.startsWith("windows")) {
            String local = env.apply("LOCALAPPDATA");
            base = local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local");
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            base = home.resolve("Library").resolve("Caches");
        } else {
            String xdg = env.apply("XDG_CACHE_HOME");
            // The XDG spec ignores a relative value.
            base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        }
        if (!base.isAbsolute()) {
            throw new UserException("no cache folder for the database (home folder unknown): set " + ENV + " to a folder");
        }
        return base.resolve("deadzone-pack").resolve("db");
    }
}
