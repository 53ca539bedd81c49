//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.github;

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.error.RunFailure;
import deadzone.error.UserException;
import deadzone.log.Log;
import deadzone.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the RestoreCaches report before publishing: a library that is "failed" is missing from
 * the database, so publishing is refused unless allowed; "stale" ones are published with a warning.
 */
public final class RestoreReportCheck {
    private RestoreReportCheck() {
    }

    /** One library of the report. */
    public record Entry(String libId, String version, String status, String reason) {
        String label() {
            return version.isEmpty() ? libId : libId + " " + version;
        }
    }

    /** Refuses (exit 1) when the report lists failed libraries and {@code allowMissing} is false. */
    public static List<Entry> enforce(Path report, boolean allowMissing) {
        List<Entry> entries = read(report);
        List<Entry> failed = withStatus(entries, "failed");
        for (Entry stale : withStatus(entries, "stale")) {
            Log.warn("report_stale", stale.label() + " is published from an older cache entry (its docs may be out of date)",
                "lib_id", stale.libId(), "version", stale.version());
        }
        if (!failed.isEmpty()) {
            String names = failed.stream().map(Entry::label).collect(Collectors.joining(", "));
            if (!allowMissing) {
                throw new RunFailure(failed.size() + " librar" + (failed.size() == 1 ? "y is" : "ies are")
                    + " missing from the database (" + names + ", per " + report
                    + "); refusing to publish an incomplete deadzone.db (pass --allow-missing to publish anyway)");
            }
            for (Entry missing : failed) {
                Log.warn("report_missing", missing.label() + " is missing from the published database"
                    + (missing.reason().isEmpty() ? "" : ": " + missing.reason()), "lib_id", missing.libId(),
                    "version", missing.version());
            }
        }
        return entries;
    }

    /** The report's entries; a missing or malformed report is a {@link UserException}. */
    public static List<Entry> read(Path report) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(Files.readString(report));
        } catch (NoSuchFileException e) {
            throw new UserException("report " + report + " does not exist; pass the JSON report RestoreCaches wrote");
        } catch (IOException e) {
            throw new UserException("report " + report + " is not readable JSON (" + firstLine(e.getMessage())
                + "); pass the JSON report RestoreCaches wrote");
        }
        if (json == null || !json.path("entries").isArray()) {
            throw new UserException("report " + report + " has no \"entries\" array; pass the JSON report RestoreCaches wrote");
        }
        List<Entry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode e : json.path("entries")) {
            String libId = e.path("lib_id").asText("");
            String status = e.path("status").asText("");
            if (libId.isEmpty() || status.isEmpty()) {
                throw new UserException("report " + report + ": entry " + index + " has no lib_id or status");
            }
            entries.add(new Entry(libId, e.path("version").asText(""), status,
                e.path("reason").isNull() ? "" : e.path("reason").asText("")));
            index++;
        }
        return entries;
    }

    private static List<Entry> withStatus(List<Entry> entries, String status) {
        return entries.stream().filter(e -> e.status().equals(status)).toList();
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse("");
    }
}
