package deadzone.godoc;

import java.util.List;
import java.util.Set;

/**
 * What the reader found in one source file: its package clause and package comment, its build
 * constraints, its notes, and its top-level declarations with their doc comments and their text as
 * written (function bodies removed). Declarations of every name are kept, exported or not: which of
 * them are documented is decided for the whole package.
 */
record GoFile(String name, String packageName, String packageDoc, BuildConstraints constraints,
              List<Func> funcs, List<Type> types, List<Values> values, List<CommentText.Note> notes) {

    /** A type named in a declaration, as go/doc sees it: its base name ("" when it has none) and whether it is imported. */
    record TypeRef(String baseName, boolean imported) {
        static final TypeRef NONE = new TypeRef("", false);
    }

    /**
     * A function or method. {@code signature} is the declaration without body; for a method,
     * {@code receiverTypeStart}/{@code receiverTypeEnd} locate the receiver's type in it, so that a
     * promoted method can name the type that embeds its own.
     */
    record Func(String file, String name, String doc, String signature, TypeRef receiver, boolean receiverIsPointer,
                int receiverTypeStart, int receiverTypeEnd, List<TypeRef> results, Set<String> typeParams) {
        boolean isMethod() {
            return receiver != null;
        }
    }

    /** A struct field without a name (an embedded type). */
    record Embedded(String baseName, boolean pointer) {
    }

    /** One type (a grouped declaration gives one per name); {@code declaration} starts with "type". */
    record Type(String file, String name, String doc, String declaration, boolean isStruct, List<Embedded> embedded) {
    }

    /** One const or var spec: its type (when written) and whether it has values. */
    record Spec(TypeRef type, boolean hasType, boolean hasValues) {
    }

    /** A const or var declaration, grouped or not, with all its names in order. */
    record Values(String file, boolean isConst, String doc, String declaration, List<String> names, List<Spec> specs) {
        /** go/doc sorts single-spec declarations by their first name, groups first. */
        String sortingName() {
            return specs.size() == 1 ? names.get(0) : "";
        }
    }
}
