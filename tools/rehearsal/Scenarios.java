//DEPS org.xerial:sqlite-jdbc:3.51.1.0
//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deadzone.util.Failures;
import fakes.DocServer;
import fakes.FakeCacheService;
import fakes.FakeGitHubApi;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rehearsed runs of issues 7 and 17, in one sequence sharing the fake cache and the fake
 * Releases API: cold (every entry scraped), warm (every entry cached, no ScrapeLib step run),
 * edit (one library's description changed: it alone scraped), failing (that library edited again
 * and its docs server answering 500: its slot fails, consolidate still runs, it is restored stale
 * and deadzone.db keeps its older documents), and keepalive (cache-keepalive.yml after those: every
 * entry the cold run cached is looked up and reported as a hit, and no archive is downloaded).
 * With a tag, every scrape-pack run publishes and its summary shows the diff with the previous
 * release. Each run ends by printing its summary; each scenario's expectations are checked
 * against the run's record, RestoreCaches' report, the database and the fakes, and the problems
 * are returned (never thrown), so every scenario is reported.
 */
public final class Scenarios {
    public enum Scenario {
        COLD, WARM, EDIT, FAILING, KEEPALIVE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The runs a scenario needs, in order: each one starts from what the cold run cached. */
        public static List<Scenario> sequence(String which) {
            return switch (which) {
                case "cold" -> List.of(COLD);
                case "warm" -> List.of(COLD, WARM);
                case "edit" -> List.of(COLD, EDIT);
                case "failing" -> List.of(COLD, FAILING);
                case "keepalive" -> List.of(COLD, KEEPALIVE);
                case "all" -> List.of(COLD, WARM, EDIT, FAILING, KEEPALIVE);
                default -> throw new IllegalArgumentException("unknown scenario " + which
                    + " (cold, warm, edit, failing, keepalive or all)");
            };
        }
    }

    /** One matrix slot as expand-libs listed it. */
    public record Slot(String libId, String version, String slug, String cacheKey) {
    }

    /**
     * What a scenario's run gave: the run, its slots, each slug's RestoreCaches status (for the
     * keep-alive: what the lookup found, hit, older, miss or failed) and each (lib_id, version)'s
     * chunk count in deadzone.db (key {@code lib_id@version}), and what failed.
     */
    public record Outcome(Scenario scenario, RunRecord run, List<Slot> slots, Map<String, String> statuses,
                          Map<String, Integer> docs, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    public static final String SCRAPE_SCRIPT = "scripts/ScrapeLib.java";
    public static final String FAILING_STATUS = "500";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Rehearsal rehearsal;
    private final DocServer docs;
    private final String registry;
    private final String editLib;
    private final String tag;
    private final PrintStream out;

    /**
     * @param registry the registry text under test, its urls on {@code docs}
     * @param editLib  the library the edit and failing scenarios change (null: the default target)
     * @param tag      the publish tag every run is dispatched with (null or empty: no publish)
     */
    public Scenarios(Rehearsal rehearsal, DocServer docs, String registry, String editLib, String tag, PrintStream out) {
        this.rehearsal = rehearsal;
        this.docs = docs;
        this.registry = registry;
        this.editLib = editLib != null ? editLib : RegistryEdits.defaultEditTarget(registry);
        this.tag = tag == null ? "" : tag;
        this.out = out;
        RegistryEdits.description(registry, this.editLib); // an unknown library fails here, before any run
    }

    public String editLib() {
        return editLib;
    }

    public List<Outcome> run(List<Scenario> sequence) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Scenario s : sequence) {
            Outcome o = s == Scenario.KEEPALIVE ? keepAlive(outcomes.isEmpty() ? null : outcomes.get(0))
                : run(s, outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1));
            outcomes.add(o);
            out.println();
            out.println("---- summary of the " + s.label() + " run (GITHUB_STEP_SUMMARY)");
            out.print(o.run().summary());
            out.println("---- " + s.label() + ": " + (o.passed() ? "as expected" : "NOT as expected:"));
            o.problems().forEach(p -> out.println("  - " + p));
            out.println();
        }
        return outcomes;
    }

    private Outcome run(Scenario scenario, Outcome previous) {
        String text = switch (scenario) {
            case COLD, WARM, KEEPALIVE -> registry;
            case EDIT -> RegistryEdits.withDescription(registry, editLib, edited("edited by the rehearsal"));
            case FAILING -> RegistryEdits.withDescription(registry, editLib, edited("edited again by the rehearsal"));
        };
        Path file = rehearsal.home().resolve("registries").resolve(scenario.label() + ".yaml");
        write(file, text);
        Map<String, String> inputs = tag.isEmpty() ? Map.of() : Map.of("tag", tag);
        RunRecord run;
        if (scenario == Scenario.FAILING) {
            String prefix = RegistryEdits.urlPrefix(text, editLib);
            docs.failAlways(prefix, Integer.parseInt(FAILING_STATUS));
            try {
                run = rehearsal.dispatch(scenario.label(), file, inputs);
            } finally {
                docs.clearFaults();
            }
        } else {
            run = rehearsal.dispatch(scenario.label(), file, inputs);
        }
        return check(scenario, run, previous);
    }

    private String edited(String note) {
        String old = RegistryEdits.description(registry, editLib);
        return (old.isEmpty() ? editLib : old) + " (" + note + ")";
    }

    // ---- expectations

    private Outcome check(Scenario scenario, RunRecord run, Outcome previous) {
        List<String> problems = new ArrayList<>();
        List<Slot> slots = slots(run, problems);
        Map<String, String> statuses = statuses(run, problems);
        Map<String, Integer> docCounts = docCounts(run, problems);
        expect(problems, "expand-libs succeeded", "success".equals(run.result("expand-libs")), run.result("expand-libs"));
        expect(problems, "consolidate ran and succeeded", "success".equals(run.result("consolidate")),
            run.result("consolidate"));
        expect(problems, "the summary holds the status table", run.summary().contains("| lib | version | status |"),
            "summary: " + run.summary().strip());
        expect(problems, "RestoreCaches reported every slot", statuses.keySet().equals(slugs(slots)),
            "report " + statuses.keySet() + " vs slots " + slugs(slots));
        List<RunRecord.StepRecord> scrapes = run.stepsRunning(SCRAPE_SCRIPT);
        expect(problems, "one ScrapeLib step per slot", scrapes.size() == slots.size(),
            scrapes.size() + " ScrapeLib steps for " + slots.size() + " slots");
        Map<String, String> scrapeOutcomes = scrapeOutcomes(run);

        for (Slot slot : slots) {
            boolean edited = slot.libId().equals(editLib);
            String expected = switch (scenario) {
                case COLD -> "scraped";
                case WARM, KEEPALIVE -> "cached";
                case EDIT -> edited ? "scraped" : "cached";
                case FAILING -> edited ? "stale" : "cached";
            };
            String scrape = switch (scenario) {
                case COLD -> "success";
                case WARM, KEEPALIVE -> "skipped";
                case EDIT -> edited ? "success" : "skipped";
                case FAILING -> edited ? "failure" : "skipped";
            };
            expect(problems, slot.slug() + " is " + expected, expected.equals(statuses.get(slot.slug())),
                "status " + statuses.get(slot.slug()));
            expect(problems, slot.slug() + "'s ScrapeLib step " + scrape, scrape.equals(scrapeOutcomes.get(slot.slug())),
                "it was " + scrapeOutcomes.get(slot.slug()));
            String dbKey = slot.libId() + "@" + slot.version();
            expect(problems, "deadzone.db has documents of " + dbKey, docCounts.getOrDefault(dbKey, 0) > 0,
                "counts " + docCounts);
            if (previous != null && edited && (scenario == Scenario.EDIT || scenario == Scenario.FAILING)) {
                String before = previous.slots().stream().filter(s -> s.slug().equals(slot.slug())).map(Slot::cacheKey)
                    .findFirst().orElse("");
                expect(problems, slot.slug() + "'s cache key changed with the edit", !before.equals(slot.cacheKey()),
                    "still " + before);
            }
            if (scenario == Scenario.FAILING && edited && previous != null) {
                // The older artifact, restored through the restore-key prefix, is what the db holds.
                Integer older = previous.docs().get(dbKey);
                expect(problems, "deadzone.db still holds the older documents of " + dbKey,
                    older != null && older.equals(docCounts.get(dbKey)),
                    "now " + docCounts.get(dbKey) + ", before " + older);
            }
        }
        boolean anyEdited = slots.stream().anyMatch(s -> s.libId().equals(editLib));
        expect(problems, "the registry lists " + editLib, anyEdited, "slots " + slugs(slots));
        String batches = scrapeJobResults(run);
        String expectedBatches = scenario == Scenario.FAILING ? "failure" : "success";
        expect(problems, "the scrape batch jobs ended in " + expectedBatches, batches.contains(expectedBatches)
            && (scenario == Scenario.FAILING || !batches.contains("failure")), batches);
        if (!tag.isEmpty()) {
            checkPublished(scenario, run, problems);
        } else {
            expect(problems, "publish skipped without a tag", "skipped".equals(run.result("publish")), run.result("publish"));
        }
        return new Outcome(scenario, run, slots, statuses, docCounts, List.copyOf(problems));
    }

    private void checkPublished(Scenario scenario, RunRecord run, List<String> problems) {
        expect(problems, "publish succeeded", "success".equals(run.result("publish")), run.result("publish"));
        Optional<Long> release = rehearsal.github().releaseId(Rehearsal.REPOSITORY, tag);
        if (release.isEmpty()) {
            problems.add("no release " + tag + " on the fake GitHub");
            return;
        }
        Map<String, byte[]> assets = new LinkedHashMap<>();
        for (FakeGitHubApi.Asset a : rehearsal.github().assets(release.get())) {
            assets.put(a.name(), a.bytes());
        }
        expect(problems, "the release holds deadzone.db, deadzone.db.sha256 and deadzone.manifest.json",
            assets.keySet().equals(java.util.Set.of("deadzone.db", "deadzone.db.sha256", "deadzone.manifest.json")),
            "assets " + assets.keySet());
        Path db = run.job("consolidate").map(j -> j.workspace().resolve("deadzone.db")).orElse(null);
        if (db != null && Files.isRegularFile(db) && assets.containsKey("deadzone.db")) {
            String built = sha256(read(db));
            expect(problems, "the released deadzone.db is the one consolidate built",
                built.equals(sha256(assets.get("deadzone.db"))), "sha256 differs");
            String checksum = new String(assets.getOrDefault("deadzone.db.sha256", new byte[0]), StandardCharsets.UTF_8);
            expect(problems, "deadzone.db.sha256 names its checksum", checksum.startsWith(built + "  deadzone.db"),
                "it reads " + checksum.strip());
            String described = manifestDatabase(assets.get("deadzone.manifest.json"));
            expect(problems, "deadzone.manifest.json describes that database", built.equals(described),
                "it names " + described);
        }
        String summary = run.summary();
        expect(problems, "the summary shows the diff with the previous release",
            summary.contains("### Changes since the previous release"), "summary: " + summary.strip());
        String expected = switch (scenario) {
            case COLD -> "First publish";
            case EDIT -> "| " + editLib + " |";
            default -> "No change: the same ";
        };
        boolean shown = scenario != Scenario.EDIT ? summary.contains(expected)
            : summary.lines().anyMatch(l -> l.startsWith(expected) && l.contains("| rebuilt |"));
        expect(problems, "the diff says " + (scenario == Scenario.EDIT ? editLib + " was rebuilt" : "\"" + expected + "\""),
            shown, "summary: " + summary.strip());
    }

    /** The database sha256 a manifest names, or "" when it is not one. */
    private static String manifestDatabase(byte[] manifest) {
        try {
            return manifest == null ? "" : JSON.readTree(manifest).path("database").path("sha256").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    // ---- the keep-alive

    /**
     * cache-keepalive.yml after the runs before it, on the cold run's registry: every entry the
     * cold run cached is looked up and reported as a hit, and not one archive is downloaded.
     */
    private Outcome keepAlive(Outcome cold) {
        List<String> problems = new ArrayList<>();
        if (cold == null || cold.scenario() != Scenario.COLD) {
            throw new IllegalStateException("the keepalive scenario runs after a cold run");
        }
        Path file = rehearsal.home().resolve("registries").resolve("keepalive.yaml");
        write(file, registry);
        int before = rehearsal.cache().requests().size();
        RunRecord run = rehearsal.dispatch(Scenario.KEEPALIVE.label(), Rehearsal.KEEPALIVE_WORKFLOW, file, Map.of());
        List<FakeCacheService.Request> sent = rehearsal.cache().requests().subList(before, rehearsal.cache().requests().size());

        expect(problems, "every keep-alive job succeeded", run.results().values().stream().allMatch("success"::equals),
            run.results().toString());
        expect(problems, "the summary holds the keep-alive table", run.summary().contains("| lib | version | entry |"),
            "summary: " + run.summary().strip());
        Map<String, String> touches = new LinkedHashMap<>();
        Pattern row = Pattern.compile("\\| (/[^|]*) \\| ([^|]*) \\| (\\w+) \\| [^|]* \\|");
        for (String line : run.summary().lines().toList()) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                touches.put(m.group(1) + "@" + m.group(2).strip(), m.group(3));
            }
        }
        Map<String, String> bySlug = new LinkedHashMap<>();
        for (Slot slot : cold.slots()) {
            String touch = touches.get(slot.libId() + "@" + slot.version());
            bySlug.put(slot.slug(), touch);
            expect(problems, slot.slug() + " is reported as a hit", "hit".equals(touch), "reported " + touch);
            expect(problems, slot.slug() + "'s cache key was looked up", sent.stream().anyMatch(r ->
                r.isTwirp("GetCacheEntryDownloadURL") && r.json().path("key").asText().equals(slot.cacheKey())),
                "lookups " + sent.stream().filter(r -> r.isTwirp("GetCacheEntryDownloadURL")).map(r -> r.json().path("key")
                    .asText()).toList());
        }
        List<FakeCacheService.Request> downloads = sent.stream().filter(FakeCacheService.Request::isDownload).toList();
        expect(problems, "no cache archive was downloaded", downloads.isEmpty(), downloads.size() + " blob requests");
        return new Outcome(Scenario.KEEPALIVE, run, cold.slots(), bySlug, Map.of(), List.copyOf(problems));
    }

    private static void expect(List<String> problems, String what, boolean ok, String detail) {
        if (!ok) {
            problems.add(what + " (" + detail + ")");
        }
    }

    // ---- reading what the run left

    /** The matrix slots, batch after batch, as expand-libs' batches output lists them. */
    private List<Slot> slots(RunRecord run, List<String> problems) {
        String batches = run.job("expand-libs").map(j -> j.outputs().get("batches")).orElse(null);
        if (batches == null || batches.isBlank()) {
            problems.add("expand-libs gave no batches output");
            return List.of();
        }
        try {
            List<Slot> slots = new ArrayList<>();
            for (JsonNode batch : JSON.readTree(batches)) {
                for (JsonNode e : batch) {
                    slots.add(new Slot(e.path("lib_id").asText(), e.path("version").asText(), e.path("slug").asText(),
                        e.path("cache_key").asText()));
                }
            }
            return slots;
        } catch (IOException e) {
            problems.add("expand-libs' batches output is not JSON: " + Failures.describe(e));
            return List.of();
        }
    }

    private Map<String, String> statuses(RunRecord run, List<String> problems) {
        Map<String, String> statuses = new LinkedHashMap<>();
        Optional<Path> report = run.job("consolidate").map(j -> j.workspace().resolve("artifacts/restore-report.json"));
        if (report.isEmpty() || !Files.isRegularFile(report.get())) {
            problems.add("no RestoreCaches report (artifacts/restore-report.json in the consolidate job)");
            return statuses;
        }
        try {
            for (JsonNode e : JSON.readTree(report.get().toFile()).path("entries")) {
                statuses.put(e.path("slug").asText(), e.path("status").asText());
            }
        } catch (IOException e) {
            problems.add("the RestoreCaches report is unreadable: " + Failures.describe(e));
        }
        return statuses;
    }

    private Map<String, Integer> docCounts(RunRecord run, List<String> problems) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Optional<Path> db = run.job("consolidate").map(j -> j.workspace().resolve("deadzone.db"));
        if (db.isEmpty() || !Files.isRegularFile(db.get())) {
            problems.add("consolidate left no deadzone.db");
            return counts;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.get());
             ResultSet rs = c.createStatement().executeQuery(
                 "SELECT lib_id, version, count(*) FROM docs GROUP BY lib_id, version ORDER BY lib_id, version")) {
            while (rs.next()) {
                counts.put(rs.getString(1) + "@" + rs.getString(2), rs.getInt(3));
            }
        } catch (SQLException e) {
            problems.add("cannot query deadzone.db: " + Failures.describe(e));
        }
        return counts;
    }

    /** Each slot's ScrapeLib step outcome, by slug (the slot name of the scrape jobs' instances). */
    private static Map<String, String> scrapeOutcomes(RunRecord run) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (RunRecord.JobRecord job : run.jobs()) {
            job.steps().stream().filter(s -> s.runs(SCRAPE_SCRIPT)).forEach(s -> outcomes.put(job.slot(), s.outcome()));
        }
        return outcomes;
    }

    /** "job=result" for every matrix job that ran (the scrape batches), sorted. */
    private static String scrapeJobResults(RunRecord run) {
        return run.jobs().stream().filter(j -> !j.slot().isEmpty()).map(RunRecord.JobRecord::jobId).distinct()
            .map(id -> id + "=" + run.result(id)).sorted().collect(Collectors.joining(", "));
    }

    private static java.util.Set<String> slugs(List<Slot> slots) {
        return slots.stream().map(Slot::slug).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
