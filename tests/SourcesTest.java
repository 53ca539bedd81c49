//SOURCES ../shared/deadzone/util/Hashes.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES ../tools/sources/EncodingOptions.java ../tools/sources/Headers.java ../tools/sources/JavaSource.java
//SOURCES ../tools/sources/SourceTree.java
//SOURCES support/Project.java

import org.junit.jupiter.api.Test;
import sources.EncodingOptions;
import sources.Headers;
import sources.JavaSource;
import sources.SourceTree;
import support.Project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shape of the code: every //SOURCES header is exactly the import closure of its file
 * (tools/SyncSources.java writes them), packages import only down their floors and never in a
 * loop, names are imported rather than spelled in full, and log events are snake_case.
 */
class SourcesTest {
    private static final SourceTree TREE = SourceTree.scan(Project.root());

    /** The floors of shared/deadzone: a package imports from its own floor or below (README, "Where things live"). */
    private static final Map<String, Integer> FLOORS = Map.ofEntries(
        Map.entry("deadzone.util", 1), Map.entry("deadzone.log", 1), Map.entry("deadzone.error", 1),
        Map.entry("deadzone.artifact", 1),
        Map.entry("deadzone.registry", 2), Map.entry("deadzone.parse", 2), Map.entry("deadzone.chunk", 2),
        Map.entry("deadzone.embed", 2), Map.entry("deadzone.fetch", 2), Map.entry("deadzone.godoc", 2),
        Map.entry("deadzone.release", 2),
        Map.entry("deadzone.store", 3), Map.entry("deadzone.scrape", 3), Map.entry("deadzone.search", 3),
        Map.entry("deadzone.cache", 3), Map.entry("deadzone.github", 3), Map.entry("deadzone.serve", 3),
        Map.entry("deadzone.eval", 3),
        Map.entry("deadzone.cli", 4));

    /** What the ground floor may import from itself, as designed; nothing else of the project. */
    private static final Map<String, Set<String>> GROUND_FLOOR = Map.of(
        "deadzone.error", Set.of(),
        "deadzone.log", Set.of(),
        "deadzone.util", Set.of("deadzone.error"),
        "deadzone.artifact", Set.of("deadzone.util", "deadzone.error", "deadzone.log"));

    private static final Map<String, Set<String>> GRAPH = TREE.packageGraph();

    @Test
    void everyHeaderIsExactlyItsClosure() {
        assertEquals(List.of(), TREE.problems());
        List<String> differing = new Headers(TREE).differences().stream().map(d -> d.describe(TREE)).toList();
        assertEquals(List.of(), differing, "run ./jbang tools/SyncSources.java");
    }

    /** Every runnable entry compiles and runs in UTF-8 whatever the locale: SyncSources writes the lines, the check above finds them missing. */
    @Test
    void runnableEntriesCarryTheEncodingLines() {
        String script = "///usr/bin/env jbang \"$0\" \"$@\" ; exit $?\n//JAVA 17+\n//DEPS a:b:1\n\nclass X {}\n";
        assertEquals(EncodingOptions.LINES, EncodingOptions.missing(script));
        String fixed = EncodingOptions.ensure(script);
        assertEquals(List.of(), EncodingOptions.missing(fixed));
        assertEquals(List.of("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?", "//JAVA 17+", EncodingOptions.LINES.get(0),
            EncodingOptions.LINES.get(1), "//DEPS a:b:1"), fixed.lines().limit(5).toList());
        assertEquals(fixed, EncodingOptions.ensure(fixed));
        assertEquals(List.of(), EncodingOptions.missing("package x;\nclass Y {}\n"), "a file in a package is not run by JBang");
        long runnable = TREE.entries().stream().filter(f -> TREE.source(f).text().startsWith("///usr/bin/env jbang")).count();
        assertTrue(runnable >= 15, "runnable entries seen: " + runnable);
        TREE.entries().forEach(f -> assertEquals(List.of(), EncodingOptions.missing(TREE.source(f).text()), TREE.name(f)));
    }

    /** ListLibs runs in the matrix's first job on every push: it must not download ONNX Runtime. */
    @Test
    void listLibsNeverPullsInOnnxRuntime() {
        Path listLibs = TREE.root().resolve("scripts/ListLibs.java");
        List<String> heavy = TREE.closure(listLibs).stream()
            .filter(f -> TREE.source(f).directives("DEPS").stream().anyMatch(d -> d.contains("onnxruntime")
                || d.contains("djl") || d.contains("langchain4j")))
            .map(TREE::name).toList();
        assertEquals(List.of(), heavy);
        assertTrue(TREE.closure(listLibs).stream().anyMatch(f -> TREE.name(f).endsWith("registry/Registry.java")),
            "the closure is really ListLibs': " + TREE.closure(listLibs));
    }

    @Test
    void everySharedPackageHasAFloor() {
        List<String> unplaced = GRAPH.keySet().stream().filter(p -> p.startsWith("deadzone"))
            .filter(p -> !FLOORS.containsKey(p)).toList();
        assertEquals(List.of(), unplaced, "give each new package of shared/deadzone a floor in SourcesTest.FLOORS");
    }

    @Test
    void theGroundFloorImportsOnlyItselfAsDesigned() {
        List<String> wrong = new ArrayList<>();
        GROUND_FLOOR.forEach((pkg, allowed) -> GRAPH.getOrDefault(pkg, Set.of()).stream()
            .filter(to -> !allowed.contains(to)).forEach(to -> wrong.add(pkg + " -> " + to)));
        assertEquals(List.of(), wrong);
    }

    @Test
    void noPackageImportsUpAFloor() {
        List<String> wrong = new ArrayList<>();
        GRAPH.forEach((pkg, targets) -> {
            for (String to : targets) {
                if (FLOORS.containsKey(pkg) && (!FLOORS.containsKey(to) || FLOORS.get(to) > FLOORS.get(pkg))) {
                    wrong.add(pkg + " -> " + to);
                }
            }
        });
        assertEquals(List.of(), wrong);
        for (String low : List.of("deadzone.registry", "deadzone.parse", "deadzone.chunk")) {
            for (String high : List.of("cli", "store", "scrape", "search", "cache", "github")) {
                assertTrue(!GRAPH.getOrDefault(low, Set.of()).contains("deadzone." + high), low + " imports deadzone." + high);
            }
        }
    }

    /** Tools and shared code never reach into test code; the rehearsal and the fakes are tools, tests use them. */
    @Test
    void nothingButTestsImportsTestSupport() {
        List<String> wrong = new ArrayList<>();
        GRAPH.forEach((pkg, targets) -> {
            if (!pkg.startsWith("support") && targets.stream().anyMatch(t -> t.startsWith("support"))) {
                wrong.add(pkg + " -> " + targets);
            }
        });
        for (Path entry : TREE.entries()) {
            boolean test = TREE.name(entry).startsWith("tests/");
            boolean bench = TREE.name(entry).startsWith("bench/");
            if (!test && !bench && TREE.needs(entry).stream().anyMatch(f -> TREE.packageOf(f).startsWith("support"))) {
                wrong.add(TREE.name(entry));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void noPackageLoop() {
        List<String> loops = new ArrayList<>();
        for (String start : GRAPH.keySet()) {
            for (String next : GRAPH.get(start)) {
                if (reaches(next, start, new TreeSet<>())) {
                    loops.add(start + " -> " + next + " -> ... -> " + start);
                }
            }
        }
        assertEquals(List.of(), loops);
    }

    private static boolean reaches(String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        return GRAPH.getOrDefault(from, Set.of()).stream().anyMatch(n -> reaches(n, target, seen));
    }

    /** A class of the project is imported, never written with its package in the code. */
    @Test
    void projectClassesAreImportedNotSpelledInFull() {
        List<String> spelled = new ArrayList<>();
        for (Path file : TREE.files()) {
            TREE.qualifiedNames(file).forEach(n -> spelled.add(TREE.name(file) + ": " + n));
        }
        assertEquals(List.of(), spelled);
    }

    /** Log event names are one dialect: snake_case (the JSON logs' "event" field). */
    @Test
    void logEventsAreSnakeCase() {
        List<String> wrong = new ArrayList<>();
        int events = 0;
        for (Path file : TREE.files()) {
            for (JavaSource.Call call : TREE.source(file).calls()) {
                if (call.receiver().equals("Log") && Set.of("info", "warn", "error", "debug").contains(call.method())) {
                    events++;
                    if (!call.firstString().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")) {
                        wrong.add(TREE.name(file) + ":" + call.line() + ": " + call.firstString());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(events > 30, "the scan sees the log calls: " + events);
    }
}
