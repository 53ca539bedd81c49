//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import deadzone.error.UserException;
import deadzone.util.Hashes;
import deadzone.util.Json;
import deadzone.util.Utf8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The graded query set: one JSON object a line,
 * <pre>{"id", "query", "intent", "lib_id"?, "version"?, "split": "tune"|"held-out", "tags"?: [...],
 *  "relevant": [{"lib_id", "version"?, "url"? , "heading"?, "title"?, "grade": 1-3}, ...]}</pre>
 * Its sha256 names it in a baseline, so figures measured on another set are never compared.
 * The project's own test corpus writes its questions in another form ({@link CorpusQuestions}),
 * read here into this one, line by line.
 */
public record QuerySet(Path file, String sha256, List<EvalQuery> queries) {

    public static QuerySet load(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such query set (pass --queries FILE)");
        }
        List<EvalQuery> queries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines;
        try {
            lines = Utf8.decode(bytes).split("\n", -1);
        } catch (Utf8.Invalid e) {
            throw new UserException(file + " line " + e.line() + ": not UTF-8 (byte offset " + e.offset() + "); save it as UTF-8");
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            EvalQuery q = parse(lines[i], where);
            if (!ids.add(q.id())) {
                throw new UserException(where + ": id " + q.id() + " is used twice (ids must be unique)");
            }
            queries.add(q);
        }
        if (queries.isEmpty()) {
            throw new UserException(file + ": no queries (one JSON object a line)");
        }
        return new QuerySet(file, Hashes.sha256Hex(bytes), List.copyOf(queries));
    }

    private static EvalQuery parse(String line, String where) {
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UserException(where + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (o == null || !o.isObject()) {
            throw new UserException(where + ": expected a JSON object");
        }
        if (CorpusQuestions.isCorpusQuestion(o)) {
            o = CorpusQuestions.toQuerySetForm(o);
        }
        String id = text(o, "id", where, true);
        String query = text(o, "query", where, true);
        String intent = text(o, "intent", where, true);
        if (!EvalQuery.INTENTS.contains(intent)) {
            throw new UserException(where + ": intent '" + intent + "' is not one of " + String.join(", ", EvalQuery.INTENTS));
        }
        String libId = text(o, "lib_id", where, false);
        String version = text(o, "version", where, false);
        if (version != null && libId == null) {
            throw new UserException(where + ": version needs lib_id (which library's version?)");
        }
        String split = o.path("split").asText("tune");
        if (!split.equals("tune") && !split.equals("held-out")) {
            throw new UserException(where + ": split must be tune or held-out, not '" + split + "'");
        }
        List<String> tags = new ArrayList<>();
        o.path("tags").forEach(t -> tags.add(t.asText()));
        List<Relevant> relevant = new ArrayList<>();
        for (JsonNode r : o.path("relevant")) {
            relevant.add(relevant(r, where));
        }
        if (relevant.isEmpty()) {
            throw new UserException(where + ": no relevant sections (give at least one {lib_id, url or title, grade})");
        }
        return new EvalQuery(id, query, intent, libId, version, split.equals("held-out"), List.copyOf(tags), List.copyOf(relevant));
    }

    private static Relevant relevant(JsonNode r, String where) {
        String libId = text(r, "lib_id", where, true);
        String url = text(r, "url", where, false);
        String title = text(r, "title", where, false);
        if (url == null && title == null) {
            throw new UserException(where + ": a relevant section needs a url or a title");
        }
        int grade = r.path("grade").asInt(0);
        if (grade < 1 || grade > 3) {
            throw new UserException(where + ": grade must be 1, 2 or 3 (3 = the answer)");
        }
        return new Relevant(libId, text(r, "version", where, false), url, text(r, "heading", where, false), title, grade);
    }

    private static String text(JsonNode o, String field, String where, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new UserException(where + ": missing \"" + field + "\"");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new UserException(where + ": \"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }
}
