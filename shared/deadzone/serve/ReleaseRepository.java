//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.serve;

import deadzone.error.UserException;
import deadzone.github.GitHubRepo;
import deadzone.github.OriginRemote;
import deadzone.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which repository's release holds the database: {@code --repo}, else {@code DEADZONE_REPO},
 * else the system property {@code deadzone.repo} (a catalog alias can set it with
 * {@code "properties"}), else the github.com {@code origin} of the deadzone-pack checkout the
 * server is started in. Another project's checkout does not count: an assistant often starts
 * servers from the user's own project.
 */
final class ReleaseRepository {
    static final String ENV = "DEADZONE_REPO";
    static final String PROPERTY = "deadzone.repo";

    private ReleaseRepository() {
    }

    static GitHubRepo resolve(String option, Function<String, String> env, Path workDir) {
        if (option != null) {
            return GitHubRepo.parse(option, "--repo");
        }
        String fromEnv = env.apply(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return GitHubRepo.parse(fromEnv, ENV);
        }
        String fromCatalog = System.getProperty(PROPERTY);
        if (fromCatalog != null && !fromCatalog.isBlank()) {
            return GitHubRepo.parse(fromCatalog, "the catalog's " + PROPERTY);
        }
        return deadzoneCheckout(workDir).flatMap(OriginRemote::repository).orElseThrow(() -> new UserException(
            "no repository to download deadzone.db from: pass --repo OWNER/NAME or set " + ENV
                + " (the repository whose GitHub Release carries deadzone.db), or pass --db FILE to serve a local database"));
    }

    /** The nearest folder up from {@code dir} whose jbang-catalog.json has a serve alias. */
    static Optional<Path> deadzoneCheckout(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            Path catalog = p.resolve("jbang-catalog.json");
            if (Files.isRegularFile(catalog)) {
                try {
                    boolean ours = Json.MAPPER.readTree(catalog.toFile()).path("aliases").has("serve");
                    return ours ? Optional.of(p) : Optional.empty();
                } catch (IOException unreadable) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
