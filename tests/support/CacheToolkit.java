package support;

import fakes.FakeCacheService;
import org.junit.jupiter.api.Assumptions;
import rehearsal.NodeToolkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Drives the real {@code @actions/cache} npm toolkit ({@link NodeToolkit}) with node, in the
 * environment a JavaScript action gets on a runner, pointed at a {@link FakeCacheService}. Tests
 * that need it are skipped, with the reason shown, when node, the installed toolkit or zstd is absent.
 */
public final class CacheToolkit {

    private final FakeCacheService service;
    private final String token;
    private final Path runnerTemp;

    public CacheToolkit(FakeCacheService service, String token, Path runnerTemp) {
        this.service = service;
        this.token = token;
        this.runnerTemp = runnerTemp;
    }

    public static Path folder() {
        return NodeToolkit.folder(Project.root());
    }

    /** Why the toolkit tests cannot run here, or empty when they can. */
    public static Optional<String> missing() {
        return NodeToolkit.missing(Project.root()).map(NodeTooling::skipReason);
    }

    /** Skips the calling test, with the reason shown, when the toolkit cannot run. */
    public static void assumeAvailable() {
        Optional<String> reason = missing();
        Assumptions.assumeTrue(reason.isEmpty(), reason.orElse(""));
    }

    /** saveCache([cachePath], key) from {@code workspace}; fails the test when the toolkit did not save. */
    public String save(Path workspace, String cachePath, String key) throws IOException, InterruptedException {
        return run("save-cache.cjs", workspace, List.of(cachePath, key));
    }

    /** restoreCache([cachePath], key, restoreKeys) into {@code workspace}; prints {"matchedKey":…}. */
    public String restore(Path workspace, String cachePath, String key, String... restoreKeys)
        throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(cachePath, key));
        args.addAll(List.of(restoreKeys));
        return run("restore-cache.cjs", workspace, args);
    }

    private String run(String script, Path workspace, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", folder().resolve(script).toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // Nothing may leave 127.0.0.1, and nothing from a real runner may leak in.
        env.keySet().removeIf(name -> name.toLowerCase().endsWith("_proxy") || name.startsWith("ACTIONS_")
            || name.startsWith("GITHUB_") || name.startsWith("RUNNER_"));
        env.put("ACTIONS_RUNTIME_TOKEN", token);
        env.put("ACTIONS_RESULTS_URL", service.resultsUrl());
        env.put("ACTIONS_CACHE_SERVICE_V2", "True");
        env.put("GITHUB_SERVER_URL", "https://github.com"); // another host would silently force the v1 service
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("RUNNER_TEMP", runnerTemp.toString());
        Process process = pb.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // A watchdog, not a timing assertion: a hung toolkit must not hang the suite.
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("node " + script + " did not finish:\n" + output);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("node " + script + " " + args + " exited " + process.exitValue() + ":\n" + output);
        }
        return output;
    }
}
