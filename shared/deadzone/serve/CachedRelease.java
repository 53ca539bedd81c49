//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.AtomicFiles;
import deadzone.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The sidecar {@code deadzone.db.release.json} beside a downloaded database: which repository and
 * tag it came from, its sha256 and when it was fetched. Written after the database is in place,
 * so a sidecar never vouches for a file that is not there yet.
 */
record CachedRelease(String repo, String tag, String sha256, Instant fetchedAt) {
    static final String SUFFIX = ".release.json";

    static Path pathFor(Path db) {
        return db.resolveSibling(db.getFileName() + SUFFIX);
    }

    /** The sidecar of {@code db}, or empty when missing or unreadable (the file is then of unknown origin). */
    static Optional<CachedRelease> read(Path db) {
        Path file = pathFor(db);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = Json.MAPPER.readTree(file.toFile());
            String sha = json.path("sha256").asText("");
            if (!sha.matches("[0-9a-f]{64}")) {
                return Optional.empty();
            }
            return Optional.of(new CachedRelease(json.path("repo").asText(""), json.path("tag").asText(""), sha,
                Instant.parse(json.path("fetched_at").asText(Instant.EPOCH.toString()))));
        } catch (IOException | java.time.format.DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    void writeFor(Path db) throws IOException {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("repo", repo);
        json.put("tag", tag);
        json.put("sha256", sha256);
        json.put("fetched_at", fetchedAt.toString());
        AtomicFiles.writeString(pathFor(db), Json.write(json) + "\n");
    }
}
