package sources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The header of every file as it must be: the encoding lines of a runnable entry
 * ({@link EncodingOptions}) and the {@code //SOURCES} lines: an entry lists exactly its closure
 * (sorted, one group of lines per folder, wrapped), a file in a package lists nothing (the entry
 * that uses it names everything). JBang reads the lines of included files too and includes each
 * file once, so a test that names a script and also the script's own sources is fine.
 * A line with a glob ({@code //SOURCES *Test.java}, the test runner's) is written by hand and kept.
 */
public final class Headers {
    static final String DIRECTIVE = "//SOURCES";
    static final int WIDTH = 120;

    private final SourceTree tree;

    public Headers(SourceTree tree) {
        this.tree = tree;
    }

    /** One file whose header is not what it must be: what it must list and what it lists. */
    public record Difference(Path file, List<String> missing, List<String> extra, String expectedText) {
        /** "tests/X.java: missing a, b; extra c", or "...: not in the generated order and wrapping". */
        public String describe(SourceTree tree) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("missing " + String.join(", ", missing));
            }
            if (!extra.isEmpty()) {
                parts.add("extra " + String.join(", ", extra));
            }
            if (parts.isEmpty()) {
                parts.add("lists the right files, not in the generated order and wrapping");
            }
            return tree.name(file) + ": " + String.join("; ", parts);
        }
    }

    /** Every file whose {@code //SOURCES} lines differ from its closure, in path order. */
    public List<Difference> differences() {
        List<Difference> out = new ArrayList<>();
        for (Path file : tree.files()) {
            String text = tree.source(file).text();
            String expected = EncodingOptions.ensure(rewrite(file, text));
            if (!expected.equals(text)) {
                Set<String> want = new TreeSet<>(wanted(file));
                Set<String> have = new TreeSet<>(listed(text));
                List<String> missing = new ArrayList<>(EncodingOptions.missing(text));
                want.stream().filter(w -> !have.contains(w)).forEach(missing::add);
                List<String> extra = have.stream().filter(h -> !want.contains(h)).toList();
                out.add(new Difference(file, missing, extra, expected));
            }
        }
        return out;
    }

    /** What {@code file}'s header must list, relative to its folder. */
    public List<String> wanted(Path file) {
        if (!tree.isEntry(file)) {
            return List.of();
        }
        return tree.closure(file).stream().map(p -> tree.relative(file, p)).sorted().toList();
    }

    /** The generated lines: sorted paths, one group per folder, each group wrapped at {@link #WIDTH}. */
    public List<String> lines(Path file) {
        Map<String, List<String>> byFolder = new LinkedHashMap<>();
        for (String path : wanted(file)) {
            int slash = path.lastIndexOf('/');
            byFolder.computeIfAbsent(slash < 0 ? "" : path.substring(0, slash), k -> new ArrayList<>()).add(path);
        }
        List<String> lines = new ArrayList<>();
        for (List<String> group : byFolder.values()) {
            StringBuilder line = new StringBuilder(DIRECTIVE);
            for (String path : group) {
                if (line.length() > DIRECTIVE.length() && line.length() + 1 + path.length() > WIDTH) {
                    lines.add(line.toString());
                    line = new StringBuilder(DIRECTIVE);
                }
                line.append(' ').append(path);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * {@code text} with its generated {@code //SOURCES} lines where the first one was (else after
     * the leading directive lines), every other non-glob {@code //SOURCES} line removed.
     */
    public String rewrite(Path file, String text) {
        List<String> in = List.of(text.split("\n", -1));
        List<String> out = new ArrayList<>();
        int at = -1;
        int afterDirectives = 0;
        boolean leading = true;
        for (String line : in) {
            if (isGenerated(line)) {
                if (at < 0) {
                    at = out.size();
                }
                continue;
            }
            out.add(line);
            if (leading && line.startsWith("//") && !line.startsWith("///") && !line.startsWith("// ")) {
                afterDirectives = out.size();
            } else if (leading && !line.startsWith("///")) {
                leading = false;
            }
        }
        int insertAt = at < 0 ? afterDirectives : at;
        List<String> generated = new ArrayList<>(lines(file));
        if (!generated.isEmpty() && insertAt < out.size() && !out.get(insertAt).isBlank() && !out.get(insertAt).startsWith("//")) {
            generated.add(""); // the header stands apart from the code
        }
        out.addAll(insertAt, generated);
        return String.join("\n", out);
    }

    /**
     * Replaces {@code file} by {@code text} through a scratch file and a rename, so an interrupted
     * run never leaves half a source file. (deadzone.util.AtomicFiles does this for the scripts;
     * SyncSources stays free of shared/ so it runs while shared files move.)
     */
    public static void write(Path file, String text) throws IOException {
        Path scratch = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(scratch, text, StandardCharsets.UTF_8);
            Files.move(scratch, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** The paths a file's non-glob {@code //SOURCES} lines name. */
    static List<String> listed(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (isGenerated(line)) {
                for (String part : line.substring(DIRECTIVE.length()).strip().split("[\\s,]+")) {
                    if (!part.isEmpty()) {
                        out.add(part);
                    }
                }
            }
        }
        return out;
    }

    private static boolean isGenerated(String line) {
        return (line.startsWith(DIRECTIVE + " ") || line.equals(DIRECTIVE)) && !line.contains("*");
    }
}
