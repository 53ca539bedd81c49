//SOURCES ../shared/deadzone/cli/Cli.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RunContext.java ../shared/deadzone/util/Sleeper.java
//SOURCES ../shared/deadzone/util/Trees.java
//SOURCES ../tools/Rehearse.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/FakeCacheService.java ../tools/fakes/FakeGitHubApi.java
//SOURCES ../tools/fakes/Fixtures.java ../tools/fakes/ServedCorpus.java
//SOURCES ../tools/rehearsal/Action.java ../tools/rehearsal/Checkout.java ../tools/rehearsal/Expr.java
//SOURCES ../tools/rehearsal/ExprParser.java ../tools/rehearsal/ExprValues.java ../tools/rehearsal/FileCommands.java
//SOURCES ../tools/rehearsal/JobRun.java ../tools/rehearsal/NodeToolkit.java ../tools/rehearsal/RegistryEdits.java
//SOURCES ../tools/rehearsal/Rehearsal.java ../tools/rehearsal/RehearsalException.java ../tools/rehearsal/RunRecord.java
//SOURCES ../tools/rehearsal/Scenarios.java ../tools/rehearsal/StepFiles.java ../tools/rehearsal/StepProcess.java
//SOURCES ../tools/rehearsal/StrictMap.java ../tools/rehearsal/Templates.java ../tools/rehearsal/WorkflowFile.java
//SOURCES ../tools/rehearsal/WorkflowRun.java
//SOURCES support/CacheToolkit.java support/CliRun.java support/NodeTooling.java support/Project.java
//SOURCES support/UserFacingLines.java

import fakes.DocServer;
import fakes.Fixtures;
import fakes.ServedCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rehearsal.Expr;
import rehearsal.ExprParser;
import rehearsal.ExprValues;
import rehearsal.FileCommands;
import rehearsal.RegistryEdits;
import rehearsal.Rehearsal;
import rehearsal.RehearsalException;
import rehearsal.RunRecord;
import rehearsal.Scenarios;
import rehearsal.StrictMap;
import rehearsal.Templates;
import rehearsal.WorkflowFile;
import support.CacheToolkit;
import support.CliRun;
import support.Project;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local rehearsal of scrape-pack.yml: its expression evaluator and file commands, the engine on
 * a small workflow of its own (tests/data/rehearsal/mini-workflow.yml), drift caught before or while
 * running, and the scenarios of issues 7 and 17 on the real workflows with the project's own corpus.
 */
class RehearsalTest {
    private static final Path WORKFLOW = Project.root().resolve(Rehearsal.WORKFLOW);
    private static final Path MINI = Project.root().resolve("tests/data/rehearsal/mini-workflow.yml");

    // ---- expressions

    /** The contexts of a step, for evaluating expressions without a run. */
    private static Expr.Scope scope(Map<String, Object> contexts, boolean jobFailed) {
        return new Expr.Scope() {
            @Override
            public Object context(String name) {
                if (!contexts.containsKey(name)) {
                    throw new RehearsalException("no context " + name);
                }
                return contexts.get(name);
            }

            @Override
            public boolean status(String function) {
                return function.equals("failure") == jobFailed && !function.equals("cancelled");
            }
        };
    }

    private static Object eval(String expression, Map<String, Object> contexts) {
        return ExprParser.parse(expression).eval(scope(contexts, false));
    }

    @Test
    void expressionsCoerceLikeGitHub() {
        Map<String, Object> ctx = Map.of("steps", Map.of("artifact", Map.of("outputs", Map.of("cache-hit", "true"))),
            "needs", Map.of("list", Map.of("outputs", Map.of("batch-count", "2", "batches", "[[{\"slug\":\"a\"}],[]]"))));
        assertEquals(false, eval("steps.artifact.outputs.cache-hit != 'true'", ctx));
        assertEquals(true, eval("steps.artifact.outputs.cache-hit == 'TRUE'", ctx), "strings compare ignoring case");
        assertEquals(true, eval("steps.missing.outputs.cache-hit != 'true'", ctx), "null is not 'true'");
        assertEquals(true, eval("fromJSON(needs.list.outputs.batch-count) >= 2", ctx));
        assertEquals(false, eval("fromJSON(needs.list.outputs.batch-count) >= 3", ctx));
        assertEquals(true, eval("needs.list.outputs.batch-count == 2", ctx), "a string and a number compare as numbers");
        assertEquals("a", eval("fromJSON(needs.list.outputs.batches)[0][0].slug", ctx));
        assertNull(eval("fromJSON(needs.list.outputs.batches)[5]", ctx), "an index past the end is null");
        assertEquals("x", eval("!(1 == 2) && 'x' || false", ctx));
        assertEquals("y", eval("1 == 1 && 2 == 3 || 'y'", ctx), "&& binds tighter than ||");
        assertEquals("x", eval("(1 == 1) && 'x'", ctx), "&& gives the deciding operand");
        assertEquals("", ExprValues.text(eval("null", ctx)));
        assertEquals("2", ExprValues.text(eval("fromJSON('2.0')", ctx)));
        assertEquals("Array", ExprValues.text(eval("fromJSON('[1]')", ctx)));
        assertEquals("[ 1 ]", eval("toJSON(fromJSON('[1]'))", ctx));
    }

    @Test
    void conditionsWithoutAStatusFunctionRequireSuccess() {
        Expr plain = Templates.condition("github.event.inputs.tag != ''");
        Expr always = Templates.condition("${{ always() && needs.x.result == 'success' }}");
        Map<String, Object> ctx = Map.of("github", Map.of("event", Map.of("inputs", Map.of("tag", "v1"))),
            "needs", Map.of("x", Map.of("result", "success")));
        assertEquals(true, ExprValues.truthy(plain.eval(scope(ctx, false))));
        assertEquals(false, ExprValues.truthy(plain.eval(scope(ctx, true))), "a failed job skips a plain if:");
        assertEquals(true, ExprValues.truthy(always.eval(scope(ctx, true))), "always() runs after a failure");
    }

    @Test
    void interpolationKeepsTextAndAWholeExpressionKeepsItsValue() {
        Map<String, Object> ctx = Map.of("matrix", Map.of("entry", Map.of("slug", "a_b", "url_count", 3.0)));
        Expr.Scope s = scope(ctx, false);
        assertEquals("artifact-a_b- (3 urls)", Templates.interpolate("artifact-${{ matrix.entry.slug }}- (${{ matrix.entry.url_count }} urls)", s));
        assertEquals(List.of(1.0, 2.0), Templates.value(" ${{ fromJSON('[1,2]') }} ", s));
        assertEquals("a }} b", Templates.interpolate("${{ 'a }} b' }}", s), "braces inside a string literal");
    }

    @Test
    void whatTheRehearsalDoesNotPlayIsRefusedLoudly() {
        assertTrue(assertThrows(RehearsalException.class, () -> ExprParser.parse("contains(github.ref, 'x')"))
            .getMessage().contains("unknown function contains()"));
        assertThrows(RehearsalException.class, () -> ExprParser.parse("needs.*.result"));
        assertThrows(RehearsalException.class, () -> ExprParser.parse("a ="));
        StrictMap entry = new StrictMap("matrix.entry", Map.of("slug", "a"));
        RehearsalException drift = assertThrows(RehearsalException.class,
            () -> eval("matrix.entry.cache_key", Map.of("matrix", Map.of("entry", entry))));
        assertTrue(drift.getMessage().contains("matrix.entry has no property 'cache_key'"), drift.getMessage());
    }

    @Test
    void fileCommandsReadLinesAndHeredocs() {
        Map<String, String> parsed = FileCommands.parse("a=1\nlibs=[{\"x\":\"=\"}]\nnote<<EOF_1\nfirst\nsecond = 2\nEOF_1\na=3\n", "out");
        assertEquals(Map.of("a", "3", "libs", "[{\"x\":\"=\"}]", "note", "first\nsecond = 2"), parsed);
        assertThrows(IllegalArgumentException.class, () -> FileCommands.parse("note<<EOF\nnever closed\n", "out"));
        assertThrows(IllegalArgumentException.class, () -> FileCommands.parse("no separator\n", "out"));
    }

    @Test
    void scrapePackIsReadInJobOrderWithEverythingPlayable() {
        WorkflowFile wf = WorkflowFile.load(WORKFLOW);
        List<String> order = wf.jobs().stream().map(WorkflowFile.Job::id).toList();
        assertEquals("expand-libs", order.get(0));
        assertTrue(order.indexOf("consolidate") > order.indexOf("scrape-batch-1"), order.toString());
        assertTrue(order.indexOf("publish") > order.indexOf("consolidate"), order.toString());
        assertTrue(wf.jobs().stream().anyMatch(j -> !j.matrix().isEmpty()), "a matrix job");
        assertEquals(List.of("lib", "tag"), wf.inputs().stream().map(WorkflowFile.Input::name).toList());
    }

    @Test
    void aDriftedWorkflowStopsTheRehearsalBeforeAnyJob(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(WORKFLOW, StandardCharsets.UTF_8);
        Map<String, String> drifts = new LinkedHashMap<>();
        drifts.put("uses: actions/github-script@v8", "uses: actions/upload-artifact@v4");
        drifts.put("if: steps.artifact.outputs.cache-hit != 'true'", "if: contains(steps.artifact.outputs.cache-hit, 'x')");
        drifts.put("restore-keys: artifact-${{ matrix.entry.slug }}-", "restore-keys: artifact-${{ vars.PREFIX }}-");
        drifts.put("fail-on-cache-miss: true", "lookup-only: true");
        for (Map.Entry<String, String> drift : drifts.entrySet()) {
            assertTrue(yaml.contains(drift.getKey()), "scrape-pack.yml no longer has `" + drift.getKey() + "`");
            Path copy = dir.resolve("drifted.yml");
            Files.writeString(copy, yaml.replace(drift.getKey(), drift.getValue()), StandardCharsets.UTF_8);
            RehearsalException e = assertThrows(RehearsalException.class, () -> WorkflowFile.load(copy), drift.getValue());
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void registryEditsChangeOnlyWhatTheyMeanTo() {
        String yaml = """
            libraries:
              - lib_id: /a/b
                kind: github-md
                versions:
                  "1.4": { ref: v1.4.1 }
                urls:
                  - http://h/raw/a/b/{ref}/README.md
                  - http://h/raw/a/b/{ref}/docs/x.md
              - lib_id: /c/d
                kind: github-rst
                ref: 3.1.3
                urls:
                  - http://h/raw/c/d/{ref}/one.rst
                  - http://h/raw/c/d/{ref}/two.rst
                  - http://h/raw/c/d/{ref}/docs/3.rst
            """;
        String trimmed = RegistryEdits.trimmed(yaml, Map.of("/c/d", 2));
        assertEquals(List.of("/c/d"), RegistryEdits.libIds(trimmed));
        assertFalse(trimmed.contains("docs/3.rst"));
        assertTrue(trimmed.contains("3.1.3"));
        assertEquals("/c/d", RegistryEdits.defaultEditTarget(yaml));
        String edited = RegistryEdits.withDescription(yaml, "/a/b", "new words");
        assertEquals("new words", RegistryEdits.description(edited, "/a/b"));
        assertEquals("", RegistryEdits.description(edited, "/c/d"));
        assertTrue(edited.contains("'1.4'") || edited.contains("\"1.4\""), "the version name stays a string:\n" + edited);
        assertEquals("http://h/raw/a/b/", RegistryEdits.urlPrefix(yaml, "/a/b"));
        assertEquals("http://h/raw/c/d/", RegistryEdits.urlPrefix(yaml, "/c/d"));
    }

    // ---- the engine on a small workflow

    @Test
    void theEnginePlaysOutputsMatrixCachesAndTheirPostSave(@TempDir Path dir) throws IOException {
        CacheToolkit.assumeAvailable();
        Path registry = Files.writeString(dir.resolve("registry.yaml"), "libraries: []\n");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Rehearsal r = Rehearsal.start(Project.root(), MINI, dir.resolve("home"), new PrintStream(log, true, StandardCharsets.UTF_8))) {
            RunRecord first = r.dispatch("first", registry, Map.of());
            assertEquals(Map.of("list", "success", "build", "success", "report", "success", "reread", "success"),
                first.results(), log.toString());
            assertEquals(List.of("a", "b"), first.instances("build").stream().map(RunRecord.JobRecord::slot).toList());
            for (RunRecord.JobRecord slot : first.instances("build")) {
                assertEquals("success", slot.step("Build").orElseThrow().outcome(), slot.slot());
                assertEquals("success", slot.step("Post Run actions/cache@v5").orElseThrow().outcome(), slot.slot());
            }
            assertTrue(first.summary().contains("build: success"), first.summary());
            assertTrue(first.summary().contains("token in a run step: \n"), "run: steps never get ACTIONS_RUNTIME_TOKEN");
            assertTrue(first.summary().contains("token seen by the script: yes"), first.summary());
            assertTrue(first.summary().contains("note: first line\nsecond = line"), first.summary());
            // reread restored report.txt from the cache the report job saved, then printed it again
            assertEquals(2, first.summary().split("note: first line", -1).length - 1, first.summary());
            List<String> keys = r.cache().entries().stream().map(e -> e.key).toList();
            assertTrue(keys.containsAll(List.of("out-a-hello", "out-b-hello", "report-" + first.runId())), keys.toString());
            assertFalse(keys.stream().anyMatch(k -> k.startsWith("tools-")), "the ~ tool cache is a no-op: " + keys);

            RunRecord second = r.dispatch("second", registry, Map.of());
            for (RunRecord.JobRecord slot : second.instances("build")) {
                assertEquals("skipped", slot.step("Build").orElseThrow().outcome(), "exact hit in " + slot.slot());
                assertEquals("hi hello " + (slot.slot().equals("a") ? 1 : 2) + " " + first.runId(),
                    Files.readString(slot.workspace().resolve("out/" + slot.slot() + "/file.txt")).strip(),
                    "the first run's file, restored");
            }
            assertEquals(keys.size() + 1, r.cache().entries().size(), "only the new report entry: "
                + r.cache().entries().stream().map(e -> e.key).toList());

            RunRecord boom = r.dispatch("boom", registry, Map.of("word", "boom"));
            assertEquals("failure", boom.result("build"));
            assertEquals("success", boom.result("report"), "report has always()");
            assertTrue(boom.summary().contains("build: failure"), boom.summary());
            RunRecord.JobRecord a = boom.instances("build").get(0);
            RunRecord.JobRecord b = boom.instances("build").get(1);
            assertEquals("success", a.step("Build").orElseThrow().outcome(), "a restore-key hit is not a cache hit");
            assertEquals("failure", b.step("Fail slot b on boom").orElseThrow().outcome());
            assertEquals("skipped", b.step("Post Run actions/cache@v5").orElseThrow().outcome(), "no save after a failure");
            List<String> after = r.cache().entries().stream().map(e -> e.key).toList();
            assertTrue(after.contains("out-a-boom") && !after.contains("out-b-boom"), after.toString());
            assertThrows(IllegalArgumentException.class, () -> boom.result("nope"));
        }
    }

    @Test
    void aMatrixFieldTheWorkflowReadsButTheListDoesNotHaveStopsTheRun(@TempDir Path dir) throws IOException {
        CacheToolkit.assumeAvailable();
        String yaml = Files.readString(MINI, StandardCharsets.UTF_8).replace("N: ${{ matrix.item.n }}", "N: ${{ matrix.item.count }}");
        Path drifted = Files.writeString(dir.resolve("drifted.yml"), yaml);
        Path registry = Files.writeString(dir.resolve("registry.yaml"), "libraries: []\n");
        try (Rehearsal r = Rehearsal.start(Project.root(), drifted, dir.resolve("home"), new PrintStream(new ByteArrayOutputStream()))) {
            RehearsalException e = assertThrows(RehearsalException.class, () -> r.dispatch("drift", registry, Map.of()));
            assertTrue(e.getMessage().contains("matrix.item has no property 'count'"), e.getMessage());
            assertThrows(RehearsalException.class, () -> r.dispatch("bad input", registry, Map.of("colour", "red")));
        }
    }

    // ---- the command

    @Test
    void theCommandRefusesBadInputWithOneLineAndExitCode2(@TempDir Path dir) throws IOException {
        CliRun unknown = CliRun.run(new Rehearse(), "--scenario", "lukewarm");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.errorLines().contains("unknown scenario lukewarm"), unknown.toString());

        Path file = Files.writeString(dir.resolve("not-empty"), "x");
        CliRun keep = CliRun.run(new Rehearse(), "--keep", file.toString());
        assertEquals(2, keep.exitCode(), keep.toString());

        CacheToolkit.assumeAvailable();
        Path online = Files.writeString(dir.resolve("online.yaml"),
            "libraries:\n  - lib_id: /a/b\n    kind: github-md\n    urls: [https://example.org/a.md]\n");
        CliRun internet = CliRun.run(new Rehearse(), "--registry", online.toString());
        assertEquals(2, internet.exitCode(), internet.toString());
        assertTrue(internet.errorLines().contains(Fixtures.ORIGIN), internet.toString());
        assertEquals(1, internet.errorLines().lines().count(), internet.toString());
    }

    // ---- the scenarios on scrape-pack.yml and cache-keepalive.yml themselves, on the project's own corpus

    @Test
    void theKeepAliveWorkflowIsPlayable() {
        WorkflowFile wf = WorkflowFile.load(Project.root().resolve(Rehearsal.KEEPALIVE_WORKFLOW));
        assertEquals(1, wf.jobs().size(), "one job");
        assertEquals(List.of(), wf.inputs());
        assertTrue(wf.jobs().get(0).steps().stream().anyMatch(s -> s.run() != null && s.run().contains("--touch-only")));
    }

    @Test
    void theScenariosOfTheScrapePackAndKeepAliveWorkflows(@TempDir Path dir) {
        CacheToolkit.assumeAvailable();
        String tag = "rehearsal-v1";
        try (ServedCorpus corpus = ServedCorpus.start(Project.ownCorpus(), DocServer.builder());
             Rehearsal r = Rehearsal.start(Project.root(), dir, System.out)) {
            DocServer docs = corpus.docs();
            Scenarios scenarios = new Scenarios(r, docs, corpus.registry(), null, tag, System.out);
            String edited = "/strata-dev/strata";
            assertEquals(edited, scenarios.editLib(), "the first library without versions");

            List<Scenarios.Outcome> outcomes = scenarios.run(Scenarios.Scenario.sequence("all"));
            for (Scenarios.Outcome o : outcomes) {
                assertTrue(o.passed(), o.scenario() + ": " + o.problems());
            }
            Scenarios.Outcome cold = outcomes.get(0);
            Scenarios.Outcome warm = outcomes.get(1);
            Scenarios.Outcome edit = outcomes.get(2);
            Scenarios.Outcome failing = outcomes.get(3);
            Scenarios.Outcome keepAlive = outcomes.get(4);
            List<String> slugs = List.of("tidewater_tidewater_2.0", "tidewater_tidewater_2.1", "strata-dev_strata",
                "kestrel-http_kestrel", "marrow-py_marrow", "pacer-dev_pacer_cadence");
            String strata = slugs.get(2);
            assertEquals(slugs, cold.slots().stream().map(Scenarios.Slot::slug).toList());
            assertEquals(statuses(slugs, "scraped", null, null), cold.statuses());
            // Tidewater 2.1's slot runs alone, yet restores 2.0's artifact (its slot saved it moments
            // before) as a sibling and embeds only the text the two versions do not share.
            RunRecord.JobRecord second = cold.run().instances("scrape-batch-1").stream()
                .filter(j -> j.slot().contains(slugs.get(1))).findFirst().orElseThrow();
            assertEquals("success", second.step("Restore a sibling version's artifact").orElseThrow().outcome());
            String secondScrape = Files.readString(second.step("Scrape").orElseThrow().log(), StandardCharsets.UTF_8);
            assertTrue(secondScrape.matches("(?s).*\"event\":\"entry_done\".*\"reused\":47.*"), secondScrape);
            RunRecord.JobRecord single = cold.run().instances("scrape-batch-1").stream()
                .filter(j -> j.slot().contains(strata)).findFirst().orElseThrow();
            assertEquals("skipped", single.step("Restore a sibling version's artifact").orElseThrow().outcome(),
                "a library with one version has no sibling to restore");

            assertEquals(statuses(slugs, "cached", null, null), warm.statuses());
            List<RunRecord.StepRecord> warmScrapes = warm.run().stepsRunning(Scenarios.SCRAPE_SCRIPT);
            assertEquals(slugs.size(), warmScrapes.size());
            assertTrue(warmScrapes.stream().allMatch(s -> s.outcome().equals("skipped")), warmScrapes.toString());

            assertEquals(statuses(slugs, "cached", strata, "scraped"), edit.statuses());
            assertNotEquals(cold.slots().get(2).cacheKey(), edit.slots().get(2).cacheKey());
            for (int i = 0; i < slugs.size(); i++) {
                if (i == 2) {
                    continue;
                }
                assertEquals(cold.slots().get(i).cacheKey(), edit.slots().get(i).cacheKey(), "other entries keep their key");
            }

            assertEquals(statuses(slugs, "cached", strata, "stale"), failing.statuses());
            assertEquals("failure", failing.run().result("scrape-batch-1"));
            assertEquals("success", failing.run().result("consolidate"));
            assertEquals(edit.docs().get(edited + "@"), failing.docs().get(edited + "@"), "deadzone.db keeps strata's older documents");
            assertEquals(26, failing.docs().get(edited + "@"), "strata's 26 chunks, README");
            assertTrue(docs.requests().stream().anyMatch(q -> q.path().startsWith("/raw/strata-dev/strata/") && q.status() == 500),
                "the failing run met the 500s");

            for (Scenarios.Outcome o : outcomes.subList(0, 4)) {
                assertTrue(o.run().summary().contains("| lib | version | status | docs |"), o.run().summary());
                assertEquals("success", o.run().result("publish"), o.scenario().label());
                assertTrue(o.run().summary().contains("### Changes since the previous release"), o.run().summary());
            }
            // Each publish is compared with the one before: all new, then the same, then strata
            // rebuilt from an edited entry with the same text, then strata stale (the edit's artifact).
            int n = slugs.size();
            assertTrue(cold.run().summary().contains("First publish: the repository has no release yet, so all " + n
                + " entries are new"), cold.run().summary());
            assertTrue(warm.run().summary().contains("No change: the same " + n + " entries with the same content."),
                warm.run().summary());
            assertTrue(edit.run().summary().contains("| " + edited + " |  | rebuilt | "), edit.run().summary());
            assertTrue(failing.run().summary().contains("No change: the same " + n + " entries with the same content."),
                failing.run().summary());
            long release = r.github().releaseId(Rehearsal.REPOSITORY, tag).orElseThrow();
            assertTrue(r.github().body(release).contains("### Coverage"), r.github().body(release));

            // The keep-alive after all that: every entry's current artifact is still there, each a hit.
            assertEquals(statuses(slugs, "hit", null, null), keepAlive.statuses());
            assertTrue(keepAlive.run().summary().contains(n + " hit, 0 older, 0 miss, 0 failed."), keepAlive.run().summary());
            long artifactEntries = r.cache().entries().stream().filter(e -> e.key.startsWith("artifact-")).count();
            assertEquals(slugs.size() + 1, artifactEntries, slugs.size() + " cold saves and 1 after the edit; none warm,"
                + " none from the failed slot, none from the keep-alive: "
                + r.cache().entries().stream().map(e -> e.key).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every slug with {@code status}, except {@code other} with {@code otherStatus}. */
    private static Map<String, String> statuses(List<String> slugs, String status, String other, String otherStatus) {
        Map<String, String> out = new LinkedHashMap<>();
        slugs.forEach(s -> out.put(s, s.equals(other) ? otherStatus : status));
        return out;
    }
}
