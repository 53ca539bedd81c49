package sources;

import java.util.ArrayList;
import java.util.List;

/**
 * The two lines every runnable entry (a file starting with JBang's {@value #SHEBANG} line) carries,
 * so that it compiles and runs the same with no locale set ({@code env -i}, cron, a minimal
 * container), where the JDK's default charset is US-ASCII: javac reads every source of the build
 * as UTF-8 (JBang passes an entry's options to the one javac call that compiles the entry and all
 * its //SOURCES), and the JVM reads, writes and prints UTF-8 (file.encoding for the default
 * charset and, on Java 17, for System.out and System.err; stdout.encoding and stderr.encoding
 * for those on Java 19 and later, where file.encoding no longer reaches them).
 */
public final class EncodingOptions {
    static final String SHEBANG = "///usr/bin/env jbang";
    public static final List<String> LINES = List.of(
        "//COMPILE_OPTIONS -encoding UTF-8",
        "//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8");

    private EncodingOptions() {
    }

    /** The lines {@code text} lacks: none for a file that is not a runnable entry. */
    public static List<String> missing(String text) {
        if (!text.startsWith(SHEBANG)) {
            return List.of();
        }
        List<String> lines = List.of(text.split("\n", -1));
        return LINES.stream().filter(l -> !lines.contains(l)).toList();
    }

    /** {@code text} with the missing lines right after its //JAVA line (else after the shebang). */
    public static String ensure(String text) {
        List<String> missing = missing(text);
        if (missing.isEmpty()) {
            return text;
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = 1;
        for (int i = 0; i < lines.size() && lines.get(i).startsWith("//"); i++) {
            if (lines.get(i).startsWith("//JAVA ")) {
                at = i + 1;
            }
        }
        lines.addAll(at, missing);
        return String.join("\n", lines);
    }
}
