package deadzone.godoc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go package documentation from source, without a Go toolchain: the entry point.
 * {@code build("archive/tar", files)} reads the files of one package directory and returns one
 * document per exported identifier, in the shape the Go tool's godoc parser gives. Test files, files excluded from every build ({@code //go:build ignore}) and
 * files of another package than the directory's ({@code package main} generators) are skipped; a
 * file that is not Go is a problem of its own and the others are still documented.
 */
public final class GoDocs {
    private GoDocs() {
    }

    /**
     * @param importPath the package's import path ("archive/tar", "github.com/x/y/z"); its last
     *                   element tells which package a directory is about when files disagree
     * @param files      the directory's files (only names ending in .go are read)
     */
    public static GoPackageDocs build(String importPath, List<GoSourceFile> files) {
        List<GoFileProblem> problems = new ArrayList<>();
        List<GoSkippedFile> skipped = new ArrayList<>();
        List<GoFile> read = new ArrayList<>();
        List<GoSourceFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(GoSourceFile::name));
        for (GoSourceFile f : sorted) {
            if (!f.name().endsWith(".go")) {
                skipped.add(new GoSkippedFile(f.name(), "not a .go file"));
            } else if (f.isTest()) {
                skipped.add(new GoSkippedFile(f.name(), "a test file"));
            } else {
                try {
                    GoFile g = GoFileReader.read(f);
                    if (g.constraints().excludedFromEveryBuild()) {
                        skipped.add(new GoSkippedFile(f.name(), "excluded from every build (//go:build ignore)"));
                    } else {
                        read.add(g);
                    }
                } catch (GoSyntaxException e) {
                    problems.add(new GoFileProblem(f.name(), e.getMessage()));
                } catch (RuntimeException e) {
                    // A reader bug must cost one file, not the package: say so, and go on.
                    problems.add(new GoFileProblem(f.name(), "the Go reader failed on this file (a bug in the reader: please report it with the file)"));
                }
            }
        }
        String name = packageName(importPath, read);
        List<GoFile> kept = new ArrayList<>();
        for (GoFile g : read) {
            if (g.packageName().equals(name)) {
                kept.add(g);
            } else {
                skipped.add(new GoSkippedFile(g.name(), "package " + g.packageName() + ", not the directory's package " + name));
            }
        }
        if (kept.isEmpty()) {
            return new GoPackageDocs(importPath, name, List.of(), problems, skipped);
        }
        PackageReader.Model model = PackageReader.read(name, kept);
        List<String> docFiles = kept.stream().filter(g -> !g.packageDoc().isEmpty()).map(GoFile::name).toList();
        List<String> bugFiles = kept.stream().filter(g -> g.notes().stream().anyMatch(n -> n.marker().equals("BUG")))
            .map(GoFile::name).toList();
        return new GoPackageDocs(importPath, name, DocumentBuilder.build(model, docFiles, bugFiles), problems, skipped);
    }

    /**
     * The directory's package: the one named like the import path's last element if a file says so,
     * else the most common one (a name other than main first); "" when no file was read.
     */
    static String packageName(String importPath, List<GoFile> files) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (GoFile g : files) {
            if (!g.packageName().endsWith("_test")) {
                counts.merge(g.packageName(), 1, Integer::sum);
            }
        }
        String expected = assumedPackageName(importPath);
        if (counts.containsKey(expected)) {
            return expected;
        }
        return counts.entrySet().stream()
            .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparing(e -> !e.getKey().equals("main"))
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
            .map(Map.Entry::getKey).orElse("");
    }

    /** The package name an import path suggests: its last element, without a /vN suffix, a "go-" prefix or a ".v3"-like tail. */
    static String assumedPackageName(String importPath) {
        String path = importPath.endsWith("/") ? importPath.substring(0, importPath.length() - 1) : importPath;
        int slash = path.lastIndexOf('/');
        String base = path.substring(slash + 1);
        if (base.matches("v[0-9]+") && slash > 0) {
            String dir = path.substring(0, slash);
            base = dir.substring(dir.lastIndexOf('/') + 1);
        }
        if (base.startsWith("go-")) {
            base = base.substring(3);
        }
        int end = 0;
        while (end < base.length() && (Character.isLetterOrDigit(base.charAt(end)) || base.charAt(end) == '_')) {
            end++;
        }
        return base.substring(0, end);
    }
}
