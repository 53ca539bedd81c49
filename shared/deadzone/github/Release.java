//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.github;

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.error.RunFailure;

import java.net.URI;

/** The fields of a GitHub release that publishing uses; {@code body} is "" when the release has none. */
public record Release(long id, String tagName, URI uploadBase, String htmlUrl, String body) {

    static Release from(JsonNode json) {
        String template = json.path("upload_url").asText("");
        if (!json.path("id").canConvertToLong() || template.isEmpty()) {
            throw new RunFailure("GitHub's answer about a release has no id or upload_url");
        }
        return new Release(json.path("id").asLong(), json.path("tag_name").asText(""),
            uploadBase(template), json.path("html_url").asText(""), json.path("body").asText(""));
    }

    /** {@code https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}} without its URI-template tail. */
    static URI uploadBase(String template) {
        int brace = template.indexOf('{');
        try {
            return URI.create(brace < 0 ? template : template.substring(0, brace));
        } catch (IllegalArgumentException e) {
            throw new RunFailure("GitHub's answer about a release has an upload_url that is not a url");
        }
    }
}
