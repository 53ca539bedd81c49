//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** A release asset as GitHub lists it; {@code digest} ("sha256:...") is only on newer API answers. */
public record ReleaseAsset(long id, String name, long size, String state, Optional<String> digest, String downloadUrl) {

    static ReleaseAsset from(JsonNode json) {
        String digest = json.path("digest").asText("");
        return new ReleaseAsset(json.path("id").asLong(), json.path("name").asText(""), json.path("size").asLong(-1),
            json.path("state").asText(""), digest.isEmpty() ? Optional.empty() : Optional.of(digest),
            json.path("browser_download_url").asText(""));
    }
}
