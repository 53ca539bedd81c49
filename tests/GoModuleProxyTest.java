//SOURCES ../shared/deadzone/godoc/ChecksumDatabase.java ../shared/deadzone/godoc/DirHash.java
//SOURCES ../shared/deadzone/godoc/GoSourceFile.java ../shared/deadzone/godoc/ModulePath.java
//SOURCES ../shared/deadzone/godoc/ModuleSourceException.java ../shared/deadzone/godoc/ModuleZip.java
//SOURCES ../shared/deadzone/godoc/NoteVerifier.java ../shared/deadzone/godoc/ZipReader.java
//SOURCES ../shared/deadzone/util/Hashes.java
//SOURCES support/GoModules.java

import deadzone.godoc.ChecksumDatabase;
import deadzone.godoc.GoSourceFile;
import deadzone.godoc.ModulePath;
import deadzone.godoc.ModuleSourceException;
import deadzone.godoc.ModuleZip;
import deadzone.godoc.NoteVerifier;
import org.junit.jupiter.api.Test;
import support.GoModules.TestKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static support.GoModules.answer;
import static support.GoModules.independentH1;
import static support.GoModules.storedZip;
import static support.GoModules.tree;
import static support.GoModules.utf8;
import static support.GoModules.zip;

/**
 * The pure parts of reading a module from the module proxy: module path escaping, the h1 hash of
 * a module zip, the checksum database's signed answer, and a zip reader that refuses anything
 * outside the module's prefix or over its bounds. Zips and signing keys are made by the test.
 */
class GoModuleProxyTest {
    private static final String MODULE = "example.com/Shapes";
    private static final String VERSION = "v1.2.0";
    private static final String PREFIX = MODULE + "@" + VERSION + "/";
    private static final ModuleZip.Limits LIMITS = ModuleZip.Limits.DEFAULT;

    // ---------------------------------------------------------------- module paths

    @Test
    void modulePathsAreEscapedAsTheGoCommandDoes() throws ModuleSourceException {
        assertEquals("github.com/!google!cloud!platform/omega", ModulePath.escapePath("github.com/GoogleCloudPlatform/omega"));
        assertEquals("github.com/!azure/azure-sdk-for-go", ModulePath.escapePath("github.com/Azure/azure-sdk-for-go"));
        for (String same : List.of("ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789", "golang.org/x/mod", "x.y/z/v2",
            "x..y/z", "x.y/z-", "x.y/z.t", "gopkg.in/yaml.v3", "gopkg.in/check.v1", "gopkg.in/yaml.v0")) {
            assertEquals(same, ModulePath.escapePath(same));
        }
        for (String bad : List.of("", "/x.y/z", "x./z", ".x/z", "-x/z", "x.y/z/../../w", "x.y//z", "x.y/z/", "x.y/z/v0",
            "x.y/z/v1", "x.y/z/v2.0", "X.y/z", "!x.y/z", "x.y/z!", "x.y/z*", "x.y/z:", "x.y/z\u00e9", "xy/z",
            "x.y/COM1", "x.y/z~1", "gopkg.in/yaml", "gopkg.in/yaml.v01")) {
            ModuleSourceException e = assertThrows(ModuleSourceException.class, () -> ModulePath.escapePath(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid module path \"" + bad + "\": "), e.getMessage());
        }
        assertEquals("v1.0.0-!r!c1", ModulePath.escapeVersion("v1.0.0-RC1"));
        assertEquals("v1.2.3", ModulePath.escapeVersion("v1.2.3"));
        for (String bad : List.of("", "v1!", "v1/2", "..", "v1.")) {
            assertThrows(ModuleSourceException.class, () -> ModulePath.escapeVersion(bad), bad);
        }
        assertEquals("https://sum.golang.org/lookup/github.com/!azure/go-autorest@v14.2.0+incompatible",
            ChecksumDatabase.lookupUrl("https://sum.golang.org/", "github.com/Azure/go-autorest", "v14.2.0+incompatible"));
    }

    // ---------------------------------------------------------------- zips and their hash

    private static Map<String, byte[]> moduleFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PREFIX + "go.mod", utf8("module example.com/Shapes\n\ngo 1.21\n"));
        files.put(PREFIX + "shapes.go", utf8("package shapes\n\n// Area is the area.\nfunc Area() float64 { return 1 }\n"));
        files.put(PREFIX + "doc.go", utf8("// Package shapes measures figures.\npackage shapes\n"));
        files.put(PREFIX + "shapes_test.go", utf8("package shapes\n"));
        files.put(PREFIX + "internal/sub/sub.go", utf8("package sub\n\n// Sub is below.\nfunc Sub() {}\n"));
        files.put(PREFIX + "LICENSE", utf8("Permission is granted.\n"));
        files.put(PREFIX + "Z.txt", utf8("upper case sorts first\n"));
        files.put(PREFIX + "\uFF21.txt", utf8("fullwidth A: EF BC A1 in UTF-8\n"));
        files.put(PREFIX + "\uD83D\uDE00.txt", utf8("a supplementary character: F0 9F 98 80 in UTF-8, yet first in UTF-16\n"));
        return files;
    }

    @Test
    void theZipHashIsGosH1() throws Exception {
        Map<String, byte[]> files = moduleFiles();
        String expected = independentH1(files);
        assertEquals(expected, ModuleZip.hash(zip(files), MODULE, VERSION, LIMITS));
        assertEquals(expected, ModuleZip.hash(storedZip(files), MODULE, VERSION, LIMITS), "the hash is of content, not of compression");
        Map<String, byte[]> reordered = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(files.keySet());
        Collections.reverse(names);
        names.forEach(k -> reordered.put(k, files.get(k)));
        assertEquals(expected, ModuleZip.hash(zip(reordered), MODULE, VERSION, LIMITS), "entry order does not matter");
        Map<String, byte[]> changed = new LinkedHashMap<>(files);
        changed.put(PREFIX + "LICENSE", utf8("Permission is denied.\n"));
        assertNotEquals(expected, ModuleZip.hash(zip(changed), MODULE, VERSION, LIMITS));
    }

    @Test
    void aVerifiedZipGivesThePackagesGoFiles() throws Exception {
        Map<String, byte[]> files = moduleFiles();
        byte[] zip = zip(files);
        String h1 = independentH1(files);
        ModuleZip.Package root = ModuleZip.read(zip, MODULE, VERSION, "", h1, LIMITS);
        assertEquals(h1, root.h1());
        assertEquals(List.of("doc.go", "shapes.go", "shapes_test.go"), root.goFiles().stream().map(GoSourceFile::name).sorted().toList());
        assertEquals("package sub\n\n// Sub is below.\nfunc Sub() {}\n",
            ModuleZip.read(zip, MODULE, VERSION, "internal/sub", h1, LIMITS).goFiles().get(0).text());
        assertEquals(List.of("", "internal/sub"), root.goDirectories());
    }

    @Test
    void aZipThatIsNotTheCheckedOneIsRefused() throws Exception {
        Map<String, byte[]> files = moduleFiles();
        String h1 = independentH1(files);

        Map<String, byte[]> other = new LinkedHashMap<>(files);
        other.put(PREFIX + "shapes.go", utf8("package shapes\n\n// Area is wrong.\nfunc Area() float64 { return 2 }\n"));
        ModuleSourceException e = assertThrows(ModuleSourceException.class, () -> ModuleZip.read(zip(other), MODULE, VERSION, "", h1, LIMITS));
        assertEquals("module zip for example.com/Shapes@v1.2.0 does not match the checksum database: the zip hashes to "
            + independentH1(other) + ", the checksum database says " + h1, e.getMessage());

        byte[] tampered = storedZip(files);
        byte[] needle = utf8("return 1");
        int at = indexOf(tampered, needle);
        tampered[at + needle.length - 1] = '7';
        e = assertThrows(ModuleSourceException.class, () -> ModuleZip.read(tampered, MODULE, VERSION, "", h1, LIMITS));
        assertEquals("module zip refused: entry \"example.com/Shapes@v1.2.0/shapes.go\" does not match its recorded size and checksum",
            e.getMessage());

        byte[] truncated = Arrays.copyOf(zip(files), zip(files).length - 10);
        e = assertThrows(ModuleSourceException.class, () -> ModuleZip.read(truncated, MODULE, VERSION, "", h1, LIMITS));
        assertEquals("module zip refused: it is not a zip archive (no end of central directory)", e.getMessage());
        assertThrows(ModuleSourceException.class, () -> ModuleZip.hash(utf8("<html>Not found</html>"), MODULE, VERSION, LIMITS));
        assertThrows(ModuleSourceException.class, () -> ModuleZip.hash(new byte[0], MODULE, VERSION, LIMITS));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void entriesOutsideTheModulesPrefixAreRefused() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("../evil.go", "has a .. path element");
        cases.put(PREFIX + "../../evil.go", "has a .. path element");
        cases.put(PREFIX + "./x.go", "has a . path element");
        cases.put("/etc/passwd", "is an absolute path");
        cases.put("C:/Windows/x.go", "is an absolute path");
        cases.put("example.com/other@v1.0.0/x.go", "is outside example.com/Shapes@v1.2.0/");
        cases.put("example.com/Shapes@v1.2.0x/x.go", "is outside example.com/Shapes@v1.2.0/");
        cases.put(PREFIX + "a\\..\\..\\x.go", "has a backslash or a NUL in its name");
        cases.put(PREFIX + "a//x.go", "has an empty path element");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Map<String, byte[]> files = moduleFiles();
            files.put(c.getKey(), utf8("package evil\n"));
            ModuleSourceException e = assertThrows(ModuleSourceException.class, () -> ModuleZip.hash(zip(files), MODULE, VERSION, LIMITS), c.getKey());
            assertEquals("module zip refused: entry \"" + c.getKey() + "\" " + c.getValue(), e.getMessage());
        }
        Map<String, byte[]> clash = moduleFiles();
        clash.put(PREFIX + "SHAPES.go", utf8("package shapes\n"));
        ModuleSourceException e = assertThrows(ModuleSourceException.class, () -> ModuleZip.hash(zip(clash), MODULE, VERSION, LIMITS));
        assertEquals("module zip refused: entries \"example.com/Shapes@v1.2.0/shapes.go\" and \"example.com/Shapes@v1.2.0/SHAPES.go\" "
            + "differ only in case", e.getMessage());
    }

    @Test
    void sizesAndCountsAreBounded() throws Exception {
        Map<String, byte[]> files = moduleFiles();
        ModuleSourceException e = assertThrows(ModuleSourceException.class,
            () -> ModuleZip.hash(zip(files), MODULE, VERSION, new ModuleZip.Limits(3, 1 << 20, 1 << 20)));
        assertEquals("module zip refused: it has 9 entries, more than the limit of 3", e.getMessage());

        Map<String, byte[]> bomb = moduleFiles();
        bomb.put(PREFIX + "zeros.bin", new byte[50 << 20]); // 50 MiB of zeros deflate to about 50 KiB
        byte[] zip = zip(bomb);
        assertTrue(zip.length < 200_000, "the bomb is small: " + zip.length);
        e = assertThrows(ModuleSourceException.class,
            () -> ModuleZip.hash(zip, MODULE, VERSION, new ModuleZip.Limits(100, 1 << 20, 1 << 20)));
        assertEquals("module zip refused: its entries inflate to more than 1048576 bytes in all", e.getMessage());

        // A central directory that understates an entry's size: inflating stops at the recorded size.
        byte[] liar = zip.clone();
        int central = indexOf(liar, utf8(PREFIX + "zeros.bin"), indexOf(liar, new byte[] {0x50, 0x4b, 0x01, 0x02}, 0));
        int sizeField = central - 46 + 24;
        liar[sizeField] = 0;
        liar[sizeField + 1] = 4; // 1024 bytes
        liar[sizeField + 2] = 0;
        liar[sizeField + 3] = 0;
        e = assertThrows(ModuleSourceException.class, () -> ModuleZip.hash(liar, MODULE, VERSION, LIMITS));
        assertEquals("module zip refused: entry \"example.com/Shapes@v1.2.0/zeros.bin\" inflates to more than its recorded 1024 bytes",
            e.getMessage());

        Map<String, byte[]> big = moduleFiles();
        big.put(PREFIX + "big.go", new byte[2048]);
        e = assertThrows(ModuleSourceException.class,
            () -> ModuleZip.read(zip(big), MODULE, VERSION, "", "h1:unused", new ModuleZip.Limits(100, 1 << 20, 1024)));
        assertEquals("module zip refused: Go file \"example.com/Shapes@v1.2.0/big.go\" is 2048 bytes, over the limit of 1024", e.getMessage());
    }

    // ---------------------------------------------------------------- the checksum database's answer

    @Test
    void aSignedAnswerGivesTheHashTheZipMustHave() throws Exception {
        TestKey key = TestKey.create("sum.example.test");
        NoteVerifier verifier = NoteVerifier.parse(key.verifierKey());
        Map<String, byte[]> files = moduleFiles();
        String h1 = independentH1(files);

        ChecksumDatabase.Lookup lookup = ChecksumDatabase.parseLookup(answer(41, MODULE, VERSION, h1, key.sign(tree(100))),
            MODULE, VERSION, verifier);
        assertEquals(h1, lookup.zipHash());
        assertEquals(41, lookup.recordId());
        assertEquals(100, lookup.treeSize());
        assertEquals(h1, ModuleZip.read(zip(files), MODULE, VERSION, "", lookup.zipHash(), LIMITS).h1());

        String wrongHash = independentH1(Map.of(PREFIX + "other.go", utf8("package other\n")));
        ChecksumDatabase.Lookup wrong = ChecksumDatabase.parseLookup(answer(41, MODULE, VERSION, wrongHash, key.sign(tree(100))),
            MODULE, VERSION, verifier);
        ModuleSourceException e = assertThrows(ModuleSourceException.class,
            () -> ModuleZip.read(zip(files), MODULE, VERSION, "", wrong.zipHash(), LIMITS));
        assertTrue(e.getMessage().contains("does not match the checksum database"), e.getMessage());
    }

    @Test
    void answersThatAreNotSignedOrNotAboutTheModuleAreRefused() throws Exception {
        TestKey key = TestKey.create("sum.example.test");
        TestKey stranger = TestKey.create("sum.example.test");
        NoteVerifier verifier = NoteVerifier.parse(key.verifierKey());
        String h1 = independentH1(moduleFiles());

        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(answer(41, MODULE, "v1.3.0", h1, key.sign(tree(100))),
            "the checksum database's answer has no zip hash for example.com/Shapes@v1.2.0 (it is about another module or version)");
        refusals.put(answer(41, "example.com/shapes", VERSION, h1, key.sign(tree(100))),
            "the checksum database's answer has no zip hash for example.com/Shapes@v1.2.0 (it is about another module or version)");
        refusals.put(answer(41, MODULE, VERSION, h1, stranger.sign(tree(100))),
            "the checksum database's note is not signed by sum.example.test");
        refusals.put(answer(41, MODULE, VERSION, h1, key.sign(tree(100)).replace("\n100\n", "\n101\n")),
            "the checksum database's note has an invalid signature for sum.example.test");
        refusals.put(answer(100, MODULE, VERSION, h1, key.sign(tree(100))),
            "the checksum database's record 100 is not in its signed tree of 100 records");
        refusals.put(answer(41, MODULE, VERSION, "h1:short", key.sign(tree(100))),
            "malformed checksum database answer: the zip hash for example.com/Shapes@v1.2.0 is not an h1: hash");
        refusals.put("not a number\n" + MODULE + " " + VERSION + " " + h1 + "\n\n" + key.sign(tree(100)),
            "malformed checksum database answer: it does not start with a record number");
        refusals.put("41\n" + MODULE + " " + VERSION + " " + h1 + "\n", "malformed checksum database answer: "
            + "its record is not followed by a blank line and a signed tree head");
        refusals.put(answer(41, MODULE, VERSION, h1, key.sign("not a tree\n")),
            "malformed checksum database answer: its signed note is not a go.sum database tree head");
        refusals.put(answer(41, MODULE, VERSION, h1, tree(100)), "malformed checksum database note: it has no signature block after a blank line");
        for (Map.Entry<String, String> r : refusals.entrySet()) {
            ModuleSourceException e = assertThrows(ModuleSourceException.class,
                () -> ChecksumDatabase.parseLookup(r.getKey(), MODULE, VERSION, verifier), r.getValue());
            assertEquals(r.getValue(), e.getMessage());
        }
    }

    @Test
    void verifierKeysAreChecked() throws Exception {
        assertEquals("sum.golang.org", NoteVerifier.parse(NoteVerifier.SUM_GOLANG_ORG).name(), "the built-in key is consistent");
        TestKey key = TestKey.create("sum.example.test");
        String badHash = key.verifierKey().replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+");
        ModuleSourceException e = assertThrows(ModuleSourceException.class, () -> NoteVerifier.parse(badHash));
        assertEquals("verifier key for sum.example.test does not match its own hash 00000000", e.getMessage());
        assertThrows(ModuleSourceException.class, () -> NoteVerifier.parse("sum.example.test"));
        assertThrows(ModuleSourceException.class, () -> NoteVerifier.parse("sum.example.test+0000000g+AAAA"));
    }
}
