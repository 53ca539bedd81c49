//SOURCES ../shared/deadzone/util/Hashes.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES ../tools/sources/Headers.java ../tools/sources/JavaSource.java ../tools/sources/SourceTree.java
//SOURCES support/Project.java

import org.junit.jupiter.api.Test;
import sources.Headers;
import sources.SourceTree;
import support.Project;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every //SOURCES header is exactly the import closure of its file (tools/SyncSources.java writes
 * them), so a script never lacks a file it needs nor drags in one it does not.
 */
class SourcesTest {
    private static final SourceTree TREE = SourceTree.scan(Project.root());

    @Test
    void everyHeaderIsExactlyItsClosure() {
        assertEquals(List.of(), TREE.problems());
        List<String> differing = new Headers(TREE).differences().stream().map(d -> d.describe(TREE)).toList();
        assertEquals(List.of(), differing, "run ./jbang tools/SyncSources.java");
    }

    /** ListLibs runs in the matrix's first job on every push: it must not download ONNX Runtime. */
    @Test
    void listLibsNeverPullsInOnnxRuntime() {
        Path listLibs = TREE.root().resolve("scripts/ListLibs.java");
        List<String> heavy = TREE.closure(listLibs).stream()
            .filter(f -> TREE.source(f).directives("DEPS").stream().anyMatch(d -> d.contains("onnxruntime")
                || d.contains("djl") || d.contains("langchain4j")))
            .map(TREE::name).toList();
        assertEquals(List.of(), heavy);
        assertTrue(TREE.closure(listLibs).stream().anyMatch(f -> TREE.name(f).endsWith("registry/Registry.java")),
            "the closure is really ListLibs': " + TREE.closure(listLibs));
    }
}
