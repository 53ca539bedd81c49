//DEPS org.junit:junit-bom:5.14.1@pom
//DEPS org.junit.jupiter:junit-jupiter
//DEPS org.junit.platform:junit-platform-launcher
package support;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every {@code *Test} class compiled into the calling runner's jar and ends with the line
 * {@code N passed, N failed, N skipped}, followed, when reference-corpus tests were skipped, by
 * how many of the skips they are and why ({@link Project#REFERENCE_TIER}); exit 1 on any failure
 * or when nothing ran. Installs the npm test tooling first when it is missing ({@link NodeTooling}).
 * Arguments: optional class-name regexes ({@code ".*Registry.*"}) to run a subset.
 */
public final class TestMain {
    private TestMain() {
    }

    public static void main(Class<?> runner, String[] args) throws URISyntaxException {
        Path jar = Path.of(runner.getProtectionDomain().getCodeSource().getLocation().toURI());
        String[] patterns = args.length == 0 ? new String[] {".*Test"} : args;
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(jar)))
            .filters(ClassNameFilter.includeClassNamePatterns(patterns),
                ClassNameFilter.includeClassNamePatterns(".*Test"))
            .build();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        NodeTooling.installIfMissing(Project.root(), out);
        AtomicInteger passed = new AtomicInteger();
        List<String> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                skipped.add(name(test) + ": " + reason);
                out.println("SKIP " + name(test) + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()) {
                    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                        // An assumption in @BeforeAll skips the whole class: say so, with the reason.
                        String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
                        skipped.add(name(test) + " (all tests): " + reason);
                        out.println("SKIP " + name(test) + " (all tests): " + reason);
                    } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                        // A failing @BeforeAll or class setup: count it so it can never pass silently.
                        failed.add(name(test));
                        out.println("FAIL " + name(test) + " (container)");
                        result.getThrowable().ifPresent(t -> t.printStackTrace(out));
                    }
                    return;
                }
                switch (result.getStatus()) {
                    case SUCCESSFUL -> {
                        passed.incrementAndGet();
                        out.println("ok   " + name(test));
                    }
                    case ABORTED -> {
                        String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
                        skipped.add(name(test) + ": " + reason);
                        out.println("SKIP " + name(test) + ": " + reason);
                    }
                    case FAILED -> {
                        failed.add(name(test));
                        out.println("FAIL " + name(test));
                        result.getThrowable().ifPresent(t -> t.printStackTrace(out));
                    }
                }
            }
        });
        if (!failed.isEmpty()) {
            out.println();
            out.println("Failed:");
            failed.forEach(f -> out.println("  " + f));
        }
        if (!skipped.isEmpty()) {
            out.println();
            out.println("Skipped:");
            skipped.forEach(s -> out.println("  " + s));
        }
        out.println();
        out.println(passed.get() + " passed, " + failed.size() + " failed, " + skipped.size() + " skipped"
            + referenceTier(skipped));
        out.flush();
        System.exit(!failed.isEmpty() || passed.get() == 0 ? 1 : 0);
    }

    /** " (of which N reference-corpus tests skipped: WHY)", or nothing when none was skipped for that. */
    static String referenceTier(List<String> skipped) {
        Set<String> why = new LinkedHashSet<>();
        long count = 0;
        for (String s : skipped) {
            int at = s.indexOf(Project.REFERENCE_TIER);
            if (at >= 0) {
                count++;
                // "...: reference corpus: fixtures not found at DIR (set ...)" -> "DIR absent"
                String reason = s.substring(at + Project.REFERENCE_TIER.length());
                int dir = reason.indexOf(" not found at ");
                why.add(dir < 0 ? reason : reason.substring(dir + " not found at ".length()).replaceFirst(" \\(.*$", "") + " absent");
            }
        }
        return count == 0 ? "" : " (of which " + count + " reference-corpus tests skipped: " + String.join(", ", why) + ")";
    }

    private static String name(TestIdentifier test) {
        String id = test.getUniqueId();
        String cls = id.replaceAll(".*\\[class:([^\\]]+)\\].*", "$1");
        return (cls.equals(id) ? "" : cls + " > ") + test.getDisplayName();
    }
}
