package deadzone.godoc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of one package read together the way go/doc reads them: methods attached to their
 * receiver type; functions returning exactly one of the package's exported types attached to it as
 * its constructors; const/var declarations attached to the type most of their specs are typed with;
 * methods of embedded types promoted to the embedding struct when the embedded type is unexported.
 * Two choices differ from go/doc's {@code AllDecls} mode, which the original tool used: only
 * exported types take constructors and typed values (so an exported function returning an
 * unexported type stays a package-level function instead of vanishing with its type), and when
 * several files declare the same name (one per platform), the linux/amd64 declaration is kept.
 */
final class PackageReader {
    /** A function or method as documented: its declaration and its signature (a promoted method's names the embedding type). */
    record FuncDoc(GoFile.Func decl, String signature, int level, String originalReceiver) {
    }

    record TypeDoc(GoFile.Type decl, List<GoFile.Values> consts, List<GoFile.Values> vars,
                   List<FuncDoc> constructors, List<FuncDoc> methods) {
    }

    /** One package, ready to be written: everything exported, sorted as go/doc sorts it. */
    record Model(String name, String doc, List<CommentText.Note> notes, List<FuncDoc> funcs, List<TypeDoc> types,
                 List<GoFile.Values> consts, List<GoFile.Values> vars) {
    }

    /** How deep promotion follows embedded types (a guard against adversarial chains, far beyond real code). */
    private static final int MAX_EMBEDDING_DEPTH = 64;

    private static final class NamedType {
        final String name;
        GoFile.Type decl;
        boolean isEmbedded;
        final Map<NamedType, Boolean> embedded = new LinkedHashMap<>();
        final List<Ordered> values = new ArrayList<>();
        final Map<String, FuncDoc> funcs = new LinkedHashMap<>();
        final Map<String, FuncDoc> methods = new LinkedHashMap<>();

        NamedType(String name) {
            this.name = name;
        }
    }

    private record Ordered(GoFile.Values values, int order) {
    }

    private final Map<String, NamedType> types = new LinkedHashMap<>();
    private final Map<String, FuncDoc> funcs = new LinkedHashMap<>();
    private final List<Ordered> values = new ArrayList<>();
    private final Map<String, Boolean> defaultPlatform = new HashMap<>();
    private int order;

    private PackageReader() {
    }

    /** {@code files}: the package's files, in any order. */
    static Model read(String packageName, List<GoFile> files) {
        List<GoFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(GoFile::name));
        PackageReader r = new PackageReader();
        StringBuilder doc = new StringBuilder();
        List<CommentText.Note> notes = new ArrayList<>();
        for (GoFile f : sorted) {
            r.defaultPlatform.put(f.name(), f.constraints().inDefaultPlatform());
            if (!f.packageDoc().isEmpty()) {
                if (doc.length() > 0) {
                    doc.append('\n');
                }
                doc.append(f.packageDoc());
            }
            notes.addAll(f.notes());
            f.values().forEach(r::readValues);
            f.types().forEach(r::readType);
        }
        for (GoFile f : sorted) {
            f.funcs().forEach(r::readFunc);
        }
        r.computeMethodSets();
        r.cleanupTypes();
        return r.model(packageName, doc.toString(), notes);
    }

    static boolean isExported(String name) {
        return !name.isEmpty() && Character.isUpperCase(name.codePointAt(0));
    }

    private NamedType lookupType(String name) {
        if (name.isEmpty() || name.equals("_")) {
            return null;
        }
        return types.computeIfAbsent(name, NamedType::new);
    }

    /** Whether {@code candidate} (from file {@code file}) should replace {@code current} for the same name. */
    private boolean prefer(String currentFile, String currentDoc, String file, String doc) {
        if (currentFile == null) {
            return true;
        }
        boolean currentDefault = defaultPlatform.getOrDefault(currentFile, true);
        boolean candidateDefault = defaultPlatform.getOrDefault(file, true);
        if (currentDefault != candidateDefault) {
            return candidateDefault;
        }
        return currentDoc.isEmpty() && !doc.isEmpty();
    }

    private void readValues(GoFile.Values v) {
        String domName = "";
        int domFreq = 0;
        String prev = "";
        for (GoFile.Spec s : v.specs()) {
            String name = "";
            if (s.hasType()) {
                if (!s.type().imported()) {
                    name = s.type().baseName();
                }
            } else if (v.isConst() && !s.hasValues()) {
                name = prev; // an iota continuation repeats the previous spec's type
            }
            if (!name.isEmpty()) {
                if (!domName.isEmpty() && !domName.equals(name)) {
                    domName = "";
                    break;
                }
                domName = name;
                domFreq++;
            }
            prev = name;
        }
        List<Ordered> target = values;
        if (!domName.isEmpty() && isExported(domName) && domFreq >= (int) (v.specs().size() * 0.75)) {
            target = lookupType(domName).values;
        }
        target.add(new Ordered(v, order++));
    }

    private void readType(GoFile.Type type) {
        NamedType t = lookupType(type.name());
        if (t == null) {
            return;
        }
        if (t.decl != null && !prefer(t.decl.file(), t.decl.doc(), type.file(), type.doc())) {
            return;
        }
        t.decl = type;
        t.embedded.clear();
        for (GoFile.Embedded e : type.embedded()) {
            NamedType embedded = lookupType(e.baseName());
            if (embedded != null) {
                embedded.isEmbedded = true;
                t.embedded.put(embedded, e.pointer());
            }
        }
    }

    private void readFunc(GoFile.Func f) {
        if (f.isMethod()) {
            if (f.receiver().imported()) {
                return;
            }
            NamedType t = lookupType(f.receiver().baseName());
            if (t != null) {
                set(t.methods, f);
            }
            return;
        }
        NamedType result = null;
        int resultTypes = 0;
        for (GoFile.TypeRef r : f.results()) {
            String n = r.baseName();
            if (r.imported() || !isExported(n) || f.typeParams().contains(n)) {
                continue;
            }
            result = lookupType(n);
            if (++resultTypes > 1) {
                break;
            }
        }
        set(resultTypes == 1 ? result.funcs : funcs, f);
    }

    private void set(Map<String, FuncDoc> set, GoFile.Func f) {
        FuncDoc current = set.get(f.name());
        if (current != null && !prefer(current.decl().file(), current.decl().doc(), f.file(), f.doc())) {
            return;
        }
        String receiver = f.isMethod() ? f.receiver().baseName() : "";
        set.put(f.name(), new FuncDoc(f, f.signature(), 0, receiver));
    }

    private void computeMethodSets() {
        for (NamedType t : types.values()) {
            if (t.decl != null && t.decl.isStruct()) {
                collectEmbeddedMethods(t.methods, t, t.name, false, 1, new HashSet<>());
            }
        }
    }

    private void collectEmbeddedMethods(Map<String, FuncDoc> mset, NamedType typ, String recvTypeName, boolean embeddedIsPtr,
                                        int level, Set<NamedType> visited) {
        if (level > MAX_EMBEDDING_DEPTH) {
            return;
        }
        visited.add(typ);
        for (Map.Entry<NamedType, Boolean> e : typ.embedded.entrySet()) {
            NamedType embedded = e.getKey();
            boolean ptr = embeddedIsPtr || e.getValue();
            for (FuncDoc m : List.copyOf(embedded.methods.values())) {
                if (m.level() == 0 && m.decl() != null) {
                    add(mset, promoted(m, recvTypeName, ptr, level));
                }
            }
            if (!visited.contains(embedded)) {
                collectEmbeddedMethods(mset, embedded, recvTypeName, ptr, level + 1, visited);
            }
        }
        visited.remove(typ);
    }

    /** The method as its embedding type offers it: go/doc's customizeRecv. */
    private static FuncDoc promoted(FuncDoc m, String recvTypeName, boolean embeddedIsPtr, int level) {
        GoFile.Func f = m.decl();
        String recv = !embeddedIsPtr && f.receiverIsPointer() ? "*" + recvTypeName : recvTypeName;
        String sig = f.signature().substring(0, f.receiverTypeStart()) + recv + f.signature().substring(f.receiverTypeEnd());
        return new FuncDoc(f, sig, level, m.originalReceiver());
    }

    private static void add(Map<String, FuncDoc> mset, FuncDoc m) {
        String name = m.decl().name();
        FuncDoc old = mset.get(name);
        if (old == null || m.level() < old.level()) {
            mset.put(name, m);
        } else if (m.level() == old.level()) {
            mset.put(name, new FuncDoc(null, null, m.level(), null)); // two at one depth: neither is promoted
        }
    }

    private void cleanupTypes() {
        for (NamedType t : List.copyOf(types.values())) {
            if (t.decl == null && isExported(t.name)) {
                // Declared in no file read (a generated or excluded file): keep what would hang on it.
                values.addAll(t.values);
                t.funcs.forEach(funcs::putIfAbsent);
                if (t.isEmbedded) {
                    t.methods.forEach(funcs::putIfAbsent);
                }
            }
            if (t.decl == null || !isExported(t.name)) {
                types.remove(t.name);
            }
        }
    }

    private Model model(String name, String doc, List<CommentText.Note> notes) {
        List<TypeDoc> typeDocs = new ArrayList<>();
        types.values().stream().sorted(Comparator.comparing(t -> t.name)).forEach(t -> typeDocs.add(new TypeDoc(t.decl,
            sortedValues(t.values, true), sortedValues(t.values, false), sortedFuncs(t.funcs), sortedMethods(t.methods))));
        return new Model(name, doc, notes, sortedFuncs(funcs), typeDocs, sortedValues(values, true), sortedValues(values, false));
    }

    private static List<FuncDoc> sortedFuncs(Map<String, FuncDoc> set) {
        return set.values().stream().filter(f -> f.decl() != null && isExported(f.decl().name()))
            .sorted(Comparator.comparing(f -> f.decl().name())).toList();
    }

    /** Own methods, and promoted ones whose original receiver type is unexported (go/doc's rule). */
    private static List<FuncDoc> sortedMethods(Map<String, FuncDoc> set) {
        return set.values().stream()
            .filter(f -> f.decl() != null && isExported(f.decl().name()) && (f.level() == 0 || !isExported(f.originalReceiver())))
            .sorted(Comparator.comparing(f -> f.decl().name())).toList();
    }

    /**
     * The const (or var) declarations with at least one exported name, one per title (the linux/amd64
     * one when several files declare it), single declarations by name after groups in source order.
     */
    private List<GoFile.Values> sortedValues(List<Ordered> list, boolean consts) {
        Map<String, Ordered> byTitle = new LinkedHashMap<>();
        for (Ordered o : list) {
            GoFile.Values v = o.values();
            String title = titleOf(v);
            if (v.isConst() != consts || title == null) {
                continue;
            }
            Ordered current = byTitle.get(title);
            if (current == null || prefer(current.values().file(), current.values().doc(), v.file(), v.doc())) {
                byTitle.put(title, o);
            }
        }
        return byTitle.values().stream()
            .sorted(Comparator.comparing((Ordered o) -> o.values().sortingName()).thenComparingInt(Ordered::order))
            .map(Ordered::values).toList();
    }

    /** {@code First} or {@code First ...} (several exported names): the title of a const/var document, null if none is exported. */
    static String titleOf(GoFile.Values v) {
        List<String> exported = v.names().stream().filter(PackageReader::isExported).toList();
        if (exported.isEmpty()) {
            return null;
        }
        return exported.size() > 1 ? exported.get(0) + " ..." : exported.get(0);
    }
}
