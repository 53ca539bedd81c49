package sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every Java file of the checkout and what each one needs. Files at the top of {@link #ENTRY_FOLDERS}
 * are entries (scripts, tools, benchmarks, tests: the default package); everything else sits in a
 * package folder under one of {@link #PACKAGE_ROOTS} ({@code shared/deadzone/util}, {@code tests/support},
 * {@code tools/rehearsal}). A file needs the files of the classes it imports, names fully, or names
 * simply from its own package (Java's same-package references need no import); an entry's closure is
 * everything it needs, transitively, and is exactly what its {@code //SOURCES} lines must list.
 */
public final class SourceTree {
    public static final List<String> ENTRY_FOLDERS = List.of("scripts", "tools", "bench", "tests");
    public static final List<String> PACKAGE_ROOTS = List.of("shared", "tools", "tests", "bench");
    private static final List<String> FOLDERS = List.of("shared", "scripts", "tools", "bench", "tests");

    private final Path root;
    /** Package name ("" for entries) to its classes (simple name to file). */
    private final Map<String, Map<String, Path>> packages = new TreeMap<>();
    private final Map<Path, JavaSource> sources = new LinkedHashMap<>();
    private final Map<Path, Set<Path>> needs = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private SourceTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static SourceTree scan(Path root) {
        SourceTree tree = new SourceTree(root);
        try {
            tree.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sources under " + root, e);
        }
        return tree;
    }

    public Path root() {
        return root;
    }

    /** Files that would be ambiguous (two classes of one name in one package), never silently resolved. */
    public List<String> problems() {
        return problems;
    }

    public List<Path> entries() {
        return sources.keySet().stream().filter(this::isEntry).toList();
    }

    public List<Path> files() {
        return List.copyOf(sources.keySet());
    }

    public boolean isEntry(Path file) {
        return packageOf(file).isEmpty();
    }

    public JavaSource source(Path file) {
        return sources.get(file);
    }

    public String packageOf(Path file) {
        return sources.get(file).packageName();
    }

    /** Every package that has at least one file, "" (the entries) included. */
    public Set<String> packageNames() {
        return packages.keySet();
    }

    /** The files {@code file} names directly. */
    public Set<Path> needs(Path file) {
        return needs.get(file);
    }

    /** Everything {@code file} needs, transitively, itself excluded, sorted by path. */
    public Set<Path> closure(Path file) {
        Set<Path> seen = new TreeSet<>();
        List<Path> todo = new ArrayList<>(needs.get(file));
        while (!todo.isEmpty()) {
            Path next = todo.remove(todo.size() - 1);
            if (!next.equals(file) && seen.add(next)) {
                todo.addAll(needs.get(next));
            }
        }
        return seen;
    }

    /** {@code file} as written from {@code from}'s folder, with '/' separators. */
    public String relative(Path from, Path file) {
        return from.getParent().relativize(file).toString().replace('\\', '/');
    }

    /** {@code file} relative to the checkout. */
    public String name(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    // ---- loading

    private void load() throws IOException {
        for (String folder : FOLDERS) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f))
                        .filter(f -> !f.toString().contains("node_modules")).sorted().toList()) {
                    JavaSource source = JavaSource.read(p);
                    boolean entry = ENTRY_FOLDERS.contains(folder) && p.getParent().equals(dir);
                    if (entry != source.packageName().isEmpty()) {
                        problems.add(name(p) + ": " + (entry ? "a file at the top of " + folder + "/ must be in the default package"
                            : "a file in a package folder must declare its package"));
                        continue;
                    }
                    sources.put(p, source);
                }
            }
        }
        for (Map.Entry<Path, JavaSource> e : sources.entrySet()) {
            Path file = e.getKey();
            String pkg = e.getValue().packageName();
            if (!pkg.isEmpty() && !file.getParent().endsWith(pkg.replace('.', '/'))) {
                problems.add(name(file) + ": package " + pkg + " does not match its folder");
            }
            String simple = file.getFileName().toString().replaceFirst("\\.java$", "");
            Path clash = packages.computeIfAbsent(pkg, k -> new TreeMap<>()).putIfAbsent(simple, file);
            if (clash != null) {
                problems.add(name(file) + ": class " + simple + " is also " + name(clash)
                    + (pkg.isEmpty() ? " (scripts, tools, benchmarks and tests share the default package)" : ""));
            }
        }
        for (Path file : sources.keySet()) {
            needs.put(file, resolve(file));
        }
    }

    private Set<Path> resolve(Path file) {
        JavaSource source = sources.get(file);
        String pkg = source.packageName();
        Set<Path> out = new TreeSet<>();
        Set<String> imported = new HashSet<>();
        Map<String, Path> visible = new LinkedHashMap<>(packages.getOrDefault(pkg, Map.of()));
        for (JavaSource.Import imp : source.imports()) {
            if (imp.wildcard()) {
                classFile(imp.name()).ifPresentOrElse(out::add,
                    () -> visible.putAll(packages.getOrDefault(String.join(".", imp.name()), Map.of())));
                continue;
            }
            Optional<Path> target = classFile(imp.name());
            target.ifPresent(out::add);
            if (!imp.isStatic()) {
                imported.add(imp.name().get(imp.name().size() - 1));
            }
        }
        for (List<String> chain : source.chains()) {
            Optional<Path> named = chain.size() > 1 ? classFile(chain) : Optional.empty();
            if (named.isPresent()) {
                out.add(named.get());
                continue;
            }
            String first = chain.get(0);
            Path sibling = visible.get(first);
            if (sibling != null && !imported.contains(first) && !source.declaredTypes().contains(first)) {
                out.add(sibling);
            }
        }
        out.remove(file);
        return out;
    }

    /**
     * The file of the class a fully qualified name starts with ({@code deadzone.registry.MatrixJson.Slot}
     * is MatrixJson.java), or empty when no known package begins the name.
     */
    public Optional<Path> classFile(List<String> name) {
        for (int cut = name.size() - 1; cut >= 1; cut--) {
            Map<String, Path> classes = packages.get(String.join(".", name.subList(0, cut)));
            if (classes != null && classes.containsKey(name.get(cut))) {
                return Optional.of(classes.get(name.get(cut)));
            }
        }
        return Optional.empty();
    }

    /** Package to the other packages its files need (the default package, the entries, left out). */
    public Map<String, Set<String>> packageGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : sources.keySet()) {
            String from = packageOf(file);
            if (from.isEmpty()) {
                continue;
            }
            Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
            for (Path needed : needs.get(file)) {
                String pkg = packageOf(needed);
                if (!pkg.equals(from) && !pkg.isEmpty()) {
                    to.add(pkg);
                }
            }
        }
        return graph;
    }

    /** Names in {@code file}'s code (not its imports) that spell a project class with its package: {@code deadzone.util.Trees.delete}. */
    public List<String> qualifiedNames(Path file) {
        return sources.get(file).chains().stream().filter(c -> c.size() > 1 && classFile(c).isPresent())
            .map(c -> String.join(".", c)).toList();
    }
}
