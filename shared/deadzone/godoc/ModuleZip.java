package deadzone.godoc;

import deadzone.util.Hashes;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A module zip as the module proxy serves it ({@code <module>@<version>/...} entries), read in
 * memory: every entry must lie under that prefix (no absolute paths, no {@code ..}, no other
 * module's prefix, no two names that differ only in case), the entry count and the bytes inflated
 * are bounded, and the zip's {@link DirHash h1 hash} must be the one the checksum database gave
 * before any file is handed out. Nothing is written anywhere.
 */
public final class ModuleZip {
    /**
     * Bounds on what a zip may hold: by default as many entries as a zip without zip64 can list,
     * 500 MiB inflated in all (the go command's own limit for a module zip), 16 MiB per Go file kept.
     */
    public record Limits(int maxEntries, long maxTotalBytes, long maxGoFileBytes) {
        public static final Limits DEFAULT = new Limits(65_535, 500L << 20, 16L << 20);
    }

    /** The verified zip: its hash, the .go files of the package directory asked for, and every directory holding .go files. */
    public record Package(String h1, String directory, List<GoSourceFile> goFiles, List<String> goDirectories) {
        public Package {
            goFiles = List.copyOf(goFiles);
            goDirectories = List.copyOf(goDirectories);
        }
    }

    private ModuleZip() {
    }

    /** The zip's h1 hash, after checking every entry as {@link #read} does. */
    public static String hash(byte[] zip, String module, String version, Limits limits) throws ModuleSourceException {
        return scan(zip, module, version, null, limits).h1();
    }

    /**
     * The .go files directly in {@code directory} ("" for the module root, else a slash-separated
     * path inside the module), once the zip is known safe and its hash is {@code expectedH1}.
     */
    public static Package read(byte[] zip, String module, String version, String directory, String expectedH1, Limits limits)
        throws ModuleSourceException {
        Package p = scan(zip, module, version, directory == null ? "" : directory, limits);
        if (!p.h1().equals(expectedH1)) {
            throw new ModuleSourceException("module zip for " + module + "@" + version + " does not match the checksum database: "
                + "the zip hashes to " + p.h1() + ", the checksum database says " + expectedH1);
        }
        return p;
    }

    private static Package scan(byte[] zip, String module, String version, String directory, Limits limits)
        throws ModuleSourceException {
        String prefix = module + "@" + version + "/";
        ZipReader reader = new ZipReader(zip);
        DirHash hash = new DirHash();
        Map<String, String> seen = new HashMap<>();
        List<GoSourceFile> goFiles = new ArrayList<>();
        TreeSet<String> goDirectories = new TreeSet<>();
        long budget = limits.maxTotalBytes();
        for (ZipReader.Entry e : reader.entries(limits.maxEntries())) {
            String name = e.name();
            checkName(name, prefix);
            String folded = name.toLowerCase(Locale.ROOT);
            String clash = seen.putIfAbsent(folded, name);
            if (clash != null) {
                throw refused(clash.equals(name) ? "entry " + ZipReader.printable(name) + " appears twice"
                    : "entries " + ZipReader.printable(clash) + " and " + ZipReader.printable(name) + " differ only in case");
            }
            String relative = name.substring(prefix.length());
            int slash = relative.lastIndexOf('/');
            String dir = slash < 0 ? "" : relative.substring(0, slash);
            String file = relative.substring(slash + 1);
            boolean goFile = file.endsWith(".go") && !name.endsWith("/");
            if (goFile) {
                goDirectories.add(dir);
            }
            boolean keep = goFile && dir.equals(directory);
            if (keep && e.size() > limits.maxGoFileBytes()) {
                throw refused("Go file " + ZipReader.printable(name) + " is " + e.size() + " bytes, over the limit of " + limits.maxGoFileBytes());
            }
            if (e.size() > budget) {
                throw refused("its entries inflate to more than " + limits.maxTotalBytes() + " bytes in all");
            }
            MessageDigest digest = Hashes.sha256();
            ByteArrayOutputStream content = keep ? new ByteArrayOutputStream((int) e.size()) : null;
            reader.read(e, budget, (buffer, length) -> {
                digest.update(buffer, 0, length);
                if (content != null) {
                    content.write(buffer, 0, length);
                }
            });
            budget -= e.size();
            hash.add(name, HexFormat.of().formatHex(digest.digest()));
            if (keep) {
                goFiles.add(GoSourceFile.ofBytes(file, content.toByteArray()));
            }
        }
        return new Package(hash.h1(), directory, goFiles, new ArrayList<>(goDirectories));
    }

    /** An entry's name must be a plain relative path under {@code <module>@<version>/}. */
    private static void checkName(String name, String prefix) throws ModuleSourceException {
        String shown = ZipReader.printable(name);
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw refused("entry " + shown + " is an absolute path");
        }
        if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw refused("entry " + shown + " has a backslash or a NUL in its name");
        }
        String[] elements = name.split("/", -1);
        for (int i = 0; i < elements.length; i++) {
            String elem = elements[i];
            if (elem.equals("..") || elem.equals(".")) {
                throw refused("entry " + shown + " has a " + elem + " path element");
            }
            if (elem.isEmpty() && i < elements.length - 1) {
                throw refused("entry " + shown + " has an empty path element");
            }
        }
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            throw refused("entry " + shown + " is outside " + prefix);
        }
    }

    private static ModuleSourceException refused(String why) {
        return new ModuleSourceException("module zip refused: " + why);
    }
}
