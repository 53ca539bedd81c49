package deadzone.godoc;

import java.util.List;

/**
 * The documentation of one package directory: its documents (one per exported identifier, the
 * package document first), the files that could not be read ({@code problems}: one line each, for
 * the entry's state) and the files left out on purpose ({@code skipped}). {@code packageName} is
 * empty when no file could be read.
 */
public record GoPackageDocs(String importPath, String packageName, List<GoDocument> documents,
                            List<GoFileProblem> problems, List<GoSkippedFile> skipped) {
    public GoPackageDocs {
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
    }
}
