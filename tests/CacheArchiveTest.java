//SOURCES ../shared/deadzone/cache/CacheArchive.java ../shared/deadzone/cache/ExtractLimits.java
//SOURCES ../shared/deadzone/cache/UnsafeArchiveException.java
//SOURCES ../shared/deadzone/util/Hashes.java
//SOURCES support/CacheArchives.java support/FileTrees.java

import deadzone.cache.CacheArchive;
import deadzone.cache.ExtractLimits;
import deadzone.cache.UnsafeArchiveException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import support.CacheArchives;
import support.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CacheArchiveTest {
    @TempDir
    Path workspace;
    Path destination;
    Path archive;
    Map<String, String> outsideBefore;

    @BeforeEach
    void layout() throws IOException {
        Files.writeString(workspace.resolve("outside.txt"), "keep me");
        destination = Files.createDirectories(workspace.resolve("artifacts/.restore-foo/foo"));
        archive = workspace.resolve("artifacts/.restore-foo/cache.tzst");
        outsideBefore = outsideDestination();
    }

    @Test
    void extractsModesTimesLinksAndEmptyFolders() throws IOException {
        write(new CacheArchives()
            .dir("artifacts/foo", 0755)
            .file("artifacts/foo/state.yaml", "run_id: \"7\"\nchunk_count: 3\n", 0644)
            .dir("artifacts/foo/bin", 0750)
            .file("artifacts/foo/bin/run.sh", "#!/bin/sh\necho hi\n", 0755)
            .file("artifacts/foo/readonly.txt", "frozen", 0444)
            .symlink("artifacts/foo/latest", "bin/run.sh")
            .hardlink("artifacts/foo/copy.yaml", "artifacts/foo/state.yaml")
            .dir("artifacts/foo/empty", 0700)
            .build());

        CacheArchive.extract(archive, "artifacts/foo", destination);

        Map<String, String> tree = FileTrees.snapshot(destination);
        String t = CacheArchives.MTIME.toString();
        assertEquals("dir rwxr-xr-x " + t, tree.get(""), tree.toString());
        assertEquals("dir rwxr-x--- " + t, tree.get("bin"));
        assertEquals("dir rwx------ " + t, tree.get("empty"));
        assertTrue(tree.get("bin/run.sh").startsWith("file rwxr-xr-x 18B "), tree.toString());
        assertTrue(tree.get("bin/run.sh").endsWith(" " + t), tree.toString());
        assertTrue(tree.get("readonly.txt").startsWith("file r--r--r-- 6B "), tree.toString());
        assertEquals("link -> bin/run.sh", tree.get("latest"));
        assertEquals(tree.get("state.yaml"), tree.get("copy.yaml"));
        assertEquals(Files.readAttributes(destination.resolve("state.yaml"), "unix:ino").get("ino"),
            Files.readAttributes(destination.resolve("copy.yaml"), "unix:ino").get("ino"), "a hard link, not a copy");
        assertEquals(8, tree.size(), tree.toString());
        assertEquals(outsideBefore, outsideDestination());
    }

    @Test
    void ignoresDotSegmentsAndRepeatedSlashesLikeTar() throws IOException {
        write(new CacheArchives().file("./artifacts//foo/./a.txt", "a", 0600).build());
        CacheArchive.extract(archive, "artifacts/foo", destination);
        assertEquals("a", Files.readString(destination.resolve("a.txt")));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> escapes() {
        return Stream.of(
            arguments("dot-dot inside the name", (Function<Path, byte[]>) ws ->
                start().file("artifacts/foo/../../pwned", "x", 0644).build(), "contains '..'"),
            arguments("leading ../", (Function<Path, byte[]>) ws ->
                start().file("../pwned", "x", 0644).build(), "contains '..'"),
            arguments("absolute path", (Function<Path, byte[]>) ws ->
                start().file(ws.resolve("pwned").toString(), "x", 0644).build(), "absolute path"),
            arguments("another slug", (Function<Path, byte[]>) ws ->
                start().file("artifacts/bar/pwned", "x", 0644).build(), "outside artifacts/foo/"),
            arguments("the artifacts folder itself", (Function<Path, byte[]>) ws ->
                start().dir("artifacts", 0777).build(), "outside artifacts/foo/"),
            arguments("symlink pointing out", (Function<Path, byte[]>) ws ->
                start().symlink("artifacts/foo/link", "../../outside.txt")
                    .file("artifacts/foo/link", "overwritten", 0644).build(), "points outside"),
            arguments("symlink to an absolute path", (Function<Path, byte[]>) ws ->
                start().symlink("artifacts/foo/link", ws.resolve("outside.txt").toString()).build(),
                "absolute"),
            arguments("writing through a symlink", (Function<Path, byte[]>) ws ->
                start().symlink("artifacts/foo/sub", ".")
                    .file("artifacts/foo/sub/pwned", "x", 0644).build(), "passes through the symbolic link"),
            arguments("chain of symlinks escaping on disk", (Function<Path, byte[]>) ws ->
                start().dir("artifacts/foo/a/b", 0755)
                    .symlink("artifacts/foo/a/b/c", "../..")
                    .symlink("artifacts/foo/x", "a/b/c/../../..").build(), "resolves outside"),
            arguments("hard link to a workspace file", (Function<Path, byte[]>) ws ->
                start().hardlink("artifacts/foo/h", "outside.txt")
                    .file("artifacts/foo/h", "overwritten", 0644).build(), "outside artifacts/foo/"),
            arguments("hard link with dot-dot", (Function<Path, byte[]>) ws ->
                start().hardlink("artifacts/foo/h", "artifacts/foo/../../outside.txt").build(),
                "contains '..'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void refusesEntriesThatWouldLandOutside(String what, Function<Path, byte[]> archiveFor, String reason)
        throws IOException {
        write(archiveFor.apply(workspace));

        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
            () -> CacheArchive.extract(archive, "artifacts/foo", destination));

        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(outsideBefore, outsideDestination(), "nothing outside the destination changed");
        assertEquals("keep me", Files.readString(workspace.resolve("outside.txt")));
        assertFalse(Files.exists(workspace.resolve("pwned")));
        assertFalse(Files.exists(workspace.getParent().resolve("pwned")));
    }

    /** The probe's archive: about 70 KB that expand to 2 GiB. Refused by the default cap before a byte is written. */
    @Test
    void aSmallArchiveThatExpandsToGigabytesIsRefusedByDefault() throws IOException {
        CacheArchives.writeZeros(archive, "artifacts/foo", "artifacts/foo/artifact.db", 2L << 30);
        assertTrue(Files.size(archive) < 200_000, "archive of " + Files.size(archive) + " bytes");
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
            () -> CacheArchive.extract(archive, "artifacts/foo", destination));
        assertEquals("it expands to more than 1024 MiB (raise --max-extract-mib if an artifact really is that large)",
            e.getMessage());
        assertFalse(Files.exists(destination.resolve("artifact.db")), "nothing of it is written");
    }

    @Test
    void theCapsCanBeRaisedOrLowered() throws IOException {
        CacheArchives many = start();
        for (int i = 0; i < 20; i++) {
            many.file("artifacts/foo/f" + i + ".txt", "x".repeat(100_000), 0644);
        }
        write(many.build());
        UnsafeArchiveException entries = assertThrows(UnsafeArchiveException.class,
            () -> CacheArchive.extract(archive, "artifacts/foo", destination, new ExtractLimits(1L << 30, 10)));
        assertTrue(entries.getMessage().startsWith("it holds more than 10 entries"), entries.getMessage());
        UnsafeArchiveException bytes = assertThrows(UnsafeArchiveException.class,
            () -> CacheArchive.extract(archive, "artifacts/foo", Files.createDirectories(workspace.resolve("d2")),
                new ExtractLimits(1L << 20, 100)));
        assertTrue(bytes.getMessage().startsWith("it expands to more than 1 MiB"), bytes.getMessage());
        CacheArchive.extract(archive, "artifacts/foo", Files.createDirectories(workspace.resolve("d3")), new ExtractLimits(3L << 20, 100));
        assertTrue(Files.isRegularFile(workspace.resolve("d3/f19.txt")));
    }

    @Test
    void refusesAnArchiveThatIsNotZstd() throws IOException {
        Files.writeString(archive, "not an archive");
        IOException e = assertThrows(IOException.class, () -> CacheArchive.extract(archive, "artifacts/foo", destination));
        assertFalse(e instanceof UnsafeArchiveException, e.toString());
    }

    private void write(byte[] bytes) throws IOException {
        Files.write(archive, bytes);
    }

    /** Everything in the workspace except the destination tree (and the archive beside it). */
    private Map<String, String> outsideDestination() {
        Map<String, String> tree = new TreeMap<>(FileTrees.snapshot(workspace));
        tree.keySet().removeIf(k -> k.startsWith("artifacts/.restore-foo/"));
        tree.remove("artifacts/.restore-foo");
        tree.remove("artifacts");
        tree.remove(""); // folders' own mtimes change when the archive is written
        return tree;
    }

    /** Each bad archive starts with good entries, so a refusal comes after something was extracted. */
    private static CacheArchives start() {
        return new CacheArchives().dir("artifacts/foo", 0755).file("artifacts/foo/first.txt", "fine", 0644);
    }
}
