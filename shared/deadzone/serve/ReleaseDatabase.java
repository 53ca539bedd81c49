package deadzone.serve;

import deadzone.error.UserException;
import deadzone.github.GitHubClient;
import deadzone.github.GitHubRepo;
import deadzone.github.GitHubToken;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The database of a repository's GitHub Release, fetched or updated as {@link ReleaseCache} says,
 * configured from the server's options and environment:
 * {@code DEADZONE_DB_OFFLINE=1} (never use the network), {@code DEADZONE_DB_AUTOUPDATE=0} (serve
 * the cache without probing), {@code DEADZONE_DB_CACHE}, {@code GITHUB_API_URL} and {@code GITHUB_TOKEN}.
 */
public final class ReleaseDatabase {
    static final String OFFLINE = "DEADZONE_DB_OFFLINE";
    static final String AUTOUPDATE = "DEADZONE_DB_AUTOUPDATE";
    /** The probe (release and checksum) must not hold a starting server for long. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(4);
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> YES = Set.of("1", "true", "yes", "on");
    private static final Set<String> NO = Set.of("0", "false", "no", "off");

    private ReleaseDatabase() {
    }

    /**
     * The path of the database to serve for {@code repoOption} (null: the default repository) at
     * {@code tag} (null: the latest release); one line and exit 1 (or 2, for bad settings) when there is none.
     */
    public static Path resolve(String repoOption, String tag, Function<String, String> env, Path workDir) {
        return cache(repoOption, tag, env, workDir).resolve();
    }

    static ReleaseCache cache(String repoOption, String tag, Function<String, String> env, Path workDir) {
        if (tag != null && tag.isBlank()) {
            throw new UserException("--tag is empty; give a release tag, or leave --tag out for the latest release");
        }
        GitHubRepo repo = ReleaseRepository.resolve(repoOption, env, workDir);
        boolean offline = flag(env, OFFLINE, false);
        boolean autoUpdate = flag(env, AUTOUPDATE, true);
        Path dir = CacheFolder.forRepository(env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.home", "")),
            repo);
        String tokenValue = env.apply("GITHUB_TOKEN");
        GitHubToken token = tokenValue == null || tokenValue.isBlank() ? null : new GitHubToken(tokenValue);
        ReleaseClient client = new ReleaseClient(apiUrl(env), token, PROBE_TIMEOUT, DOWNLOAD_TIMEOUT);
        return new ReleaseCache(repo, tag, dir, offline, autoUpdate, client, Clock.systemUTC());
    }

    private static boolean flag(Function<String, String> env, String name, boolean absent) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return absent;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (YES.contains(v)) {
            return true;
        }
        if (NO.contains(v)) {
            return false;
        }
        throw new UserException(name + "='" + value + "' is neither 1 nor 0; set it to 1 or 0, or unset it");
    }

    private static URI apiUrl(Function<String, String> env) {
        String configured = env.apply("GITHUB_API_URL");
        if (configured == null || configured.isBlank()) {
            return GitHubClient.PUBLIC_API;
        }
        try {
            URI uri = new URI(configured.strip());
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException notAUrl) {
            // reported below
        }
        throw new UserException("GITHUB_API_URL '" + configured + "' is not an http(s) URL; unset it for "
            + GitHubClient.PUBLIC_API);
    }
}
