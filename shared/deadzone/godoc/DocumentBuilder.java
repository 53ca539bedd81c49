package deadzone.godoc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A package's model as documents, one per exported identifier, in the Go tool's shape: the package
 * document (package comment, then its BUG notes), functions (doc, then signature), types (doc,
 * declaration, its typed constants and variables, then Constructors and Methods, each with
 * signature then doc), and const/var declarations (doc, then declaration).
 */
final class DocumentBuilder {
    private final PackageReader.Model model;
    private final Set<String> symbols = new HashSet<>();
    private final Map<String, Set<String>> methods = new HashMap<>();

    private DocumentBuilder(PackageReader.Model model) {
        this.model = model;
        model.funcs().forEach(f -> symbols.add(f.decl().name()));
        for (PackageReader.TypeDoc t : model.types()) {
            symbols.add(t.decl().name());
            t.constructors().forEach(f -> symbols.add(f.decl().name()));
            Set<String> names = methods.computeIfAbsent(t.decl().name(), k -> new HashSet<>());
            t.methods().forEach(m -> names.add(m.decl().name()));
            addNames(t.consts());
            addNames(t.vars());
        }
        addNames(model.consts());
        addNames(model.vars());
    }

    private void addNames(List<GoFile.Values> values) {
        values.forEach(v -> symbols.addAll(v.names()));
    }

    static List<GoDocument> build(PackageReader.Model model, List<String> packageDocFiles, List<String> bugFiles) {
        return new DocumentBuilder(model).documents(packageDocFiles, bugFiles);
    }

    private List<GoDocument> documents(List<String> packageDocFiles, List<String> bugFiles) {
        String pkg = model.name();
        List<GoDocument> out = new ArrayList<>();
        List<CommentText.Note> bugs = model.notes().stream().filter(n -> n.marker().equals("BUG")).toList();
        if (!model.doc().isBlank() || !bugs.isEmpty()) {
            String title = pkg + " package";
            Parts parts = new Parts(title);
            parts.doc(model.doc(), List.of(title));
            if (!bugs.isEmpty()) {
                parts.open(List.of(title, "Bugs"));
                bugs.stream().map(n -> "BUG(" + n.uid() + "): " + n.body()).sorted()
                    .forEach(note -> parts.append(escapeLines(note)));
            }
            Set<String> files = new TreeSet<>(packageDocFiles);
            files.addAll(bugFiles);
            out.add(new GoDocument(title, List.copyOf(files), parts.finish()));
        }
        for (PackageReader.FuncDoc f : model.funcs()) {
            String title = pkg + "." + f.decl().name();
            Parts parts = new Parts(title);
            parts.doc(f.decl().doc(), List.of(title));
            parts.append(DocComment.fenced(lines(f.signature())));
            out.add(new GoDocument(title, List.of(f.decl().file()), parts.finish()));
        }
        for (PackageReader.TypeDoc t : model.types()) {
            out.add(typeDocument(pkg, t));
        }
        for (GoFile.Values v : model.consts()) {
            out.add(valuesDocument(pkg, v));
        }
        for (GoFile.Values v : model.vars()) {
            out.add(valuesDocument(pkg, v));
        }
        return out;
    }

    private GoDocument typeDocument(String pkg, PackageReader.TypeDoc t) {
        String title = pkg + "." + t.decl().name();
        Set<String> files = new TreeSet<>();
        files.add(t.decl().file());
        Parts parts = new Parts(title);
        parts.doc(t.decl().doc(), List.of(title));
        parts.append(DocComment.fenced(lines(t.decl().declaration())));
        for (List<GoFile.Values> group : List.of(t.consts(), t.vars())) {
            for (GoFile.Values v : group) {
                parts.doc(v.doc(), List.of(title));
                parts.append(DocComment.fenced(lines(v.declaration())));
                files.add(v.file());
            }
        }
        members(parts, title, "Constructors", t.constructors(), files);
        members(parts, title, "Methods", t.methods(), files);
        return new GoDocument(title, List.copyOf(files), parts.finish());
    }

    private void members(Parts parts, String title, String heading, List<PackageReader.FuncDoc> funcs, Set<String> files) {
        for (PackageReader.FuncDoc f : funcs) {
            List<String> path = List.of(title, heading, f.decl().name());
            parts.open(path);
            parts.append(DocComment.fenced(lines(f.signature())));
            parts.doc(f.decl().doc(), path);
            files.add(f.decl().file());
        }
    }

    private GoDocument valuesDocument(String pkg, GoFile.Values v) {
        String title = pkg + "." + PackageReader.titleOf(v);
        Parts parts = new Parts(title);
        parts.doc(v.doc(), List.of(title));
        parts.append(DocComment.fenced(lines(v.declaration())));
        return new GoDocument(title, List.of(v.file()), parts.finish());
    }

    private static List<String> lines(String code) {
        return List.of(code.split("\n", -1));
    }

    /** Note text kept line for line, escaped like a paragraph. */
    private static String escapeLines(String text) {
        return String.join("\n", text.lines().map(DocComment::escape).toList()).strip();
    }

    /** Collects a document's parts: text goes to the part opened last. */
    private final class Parts {
        private final List<GoDocument.Part> parts = new ArrayList<>();
        private List<String> path;
        private final StringBuilder text = new StringBuilder();

        Parts(String title) {
            path = List.of(title);
        }

        void open(List<String> newPath) {
            close();
            path = newPath;
        }

        void append(String markdown) {
            if (markdown.isBlank()) {
                return;
            }
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(markdown);
        }

        /** A doc comment: its headings open parts under {@code base}. */
        void doc(String comment, List<String> base) {
            if (comment.isBlank()) {
                return;
            }
            for (DocComment.Block b : DocComment.toMarkdown(comment, this::isSymbol)) {
                if (b instanceof DocComment.Heading h) {
                    List<String> p = new ArrayList<>(base);
                    p.add(h.text());
                    open(p);
                } else {
                    append(((DocComment.Text) b).markdown());
                }
            }
        }

        private boolean isSymbol(String recv, String name) {
            return recv.isEmpty() ? symbols.contains(name) : methods.getOrDefault(recv, Set.of()).contains(name);
        }

        private void close() {
            parts.add(new GoDocument.Part(path, text.toString()));
            text.setLength(0);
        }

        List<GoDocument.Part> finish() {
            close();
            return parts;
        }
    }
}
