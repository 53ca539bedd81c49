//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import deadzone.util.Json;

import java.util.List;
import java.util.Map;

/** The tools' JSON schemas, written as JSON text, and the wording the tools share. */
final class Schemas {
    static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Schemas() {
    }

    static Map<String, Object> parse(String json) {
        try {
            return Json.MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tool schema is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** "0.134, 0.135", with a library's single unnamed version shown as such. */
    static String versionList(List<String> versions) {
        return String.join(", ", versions.stream().map(v -> v.isEmpty() ? "one unnamed version" : v).toList());
    }
}
