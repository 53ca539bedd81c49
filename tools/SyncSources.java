///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES sources/EncodingOptions.java sources/Headers.java sources/JavaSource.java sources/SourceTree.java

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sources.Headers;
import sources.SourceTree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Depends on nothing in shared/ on purpose: it must run while files are being moved, which is
 * exactly when the other headers are wrong.
 */
@Command(name = "SyncSources", mixinStandardHelpOptions = true, version = "SyncSources (deadzone-pack)",
    description = {"Writes the //SOURCES lines of every script, tool, benchmark and test: exactly the files its",
        "imports, fully qualified names and same-package names reach, transitively (sorted, one group per folder).",
        "Files in packages (shared/, tests/support/, tools/<package>/) list none. Prints the files it changed.",
        "With --check, changes nothing: prints each file whose lines differ (missing, extra) and exits 1."})
public class SyncSources implements Callable<Integer> {
    @Option(names = "--check", description = "Change nothing; exit 1 when a header differs from its closure.")
    boolean check;

    @Option(names = "--root", defaultValue = ".", paramLabel = "DIR",
        description = "The checkout (default: the current folder).")
    Path root;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(root.resolve("jbang-catalog.json"))) {
            return fail(2, root.toAbsolutePath().normalize() + " is not the deadzone-pack checkout"
                + " (no jbang-catalog.json); run SyncSources from there or pass --root DIR");
        }
        SourceTree tree = SourceTree.scan(root);
        if (!tree.problems().isEmpty()) {
            return fail(2, String.join("; ", tree.problems()));
        }
        List<Headers.Difference> differences = new Headers(tree).differences();
        for (Headers.Difference d : differences) {
            if (check) {
                System.out.println(d.describe(tree));
            } else {
                Headers.write(d.file(), d.expectedText());
                System.out.println(tree.name(d.file()));
            }
        }
        if (check && !differences.isEmpty()) {
            return fail(1, differences.size() + " file(s) list other sources than their imports need;"
                + " run ./jbang tools/SyncSources.java to rewrite them");
        }
        return 0;
    }

    /** The suite's convention: one plain line on stderr, exit 2 for bad input and 1 for a failed check. */
    private static int fail(int code, String line) {
        System.err.println("SyncSources: " + line);
        return code;
    }

    public static void main(String... args) {
        System.exit(new CommandLine(new SyncSources()).execute(args));
    }
}
