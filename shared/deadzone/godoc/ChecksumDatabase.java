package deadzone.godoc;

/**
 * The Go checksum database's lookup answer ({@code GET <base>/lookup/<module>@<version>}, base
 * https://sum.golang.org by default): a record number, the record's lines
 * {@code <module> <version> h1:...} and {@code <module> <version>/go.mod h1:...}, a blank line, then
 * the signed tree head ({@code go.sum database tree}, its size, its hash, signature). The tree head
 * must carry a valid signature of the configured key and the record must be one of its records.
 * (The go command also proves the record's inclusion in that tree with hash tiles; that takes
 * more requests and is not done here.)
 */
public final class ChecksumDatabase {
    public static final String DEFAULT_BASE = "https://sum.golang.org";
    private static final String TREE_HEADER = "go.sum database tree\n";

    /**
     * A checksum database to ask: its signed-note verifier key and its base url. Written as the go
     * command's GOSUMDB, {@code "<name>+<hash>+<key> [<url>]"}, the url defaulting to {@code https://<name>}.
     */
    public record Server(NoteVerifier verifier, String base) {
        /** sum.golang.org with the key the go command has built in. */
        public static Server sumGolangOrg() {
            try {
                return new Server(NoteVerifier.parse(NoteVerifier.SUM_GOLANG_ORG), DEFAULT_BASE);
            } catch (ModuleSourceException e) {
                throw new IllegalStateException("the built-in checksum database key is malformed", e);
            }
        }

        public static Server parse(String setting) throws ModuleSourceException {
            String[] parts = setting.strip().split("\\s+");
            if (parts.length > 2 || parts[0].isEmpty()) {
                throw new ModuleSourceException("malformed checksum database setting \"" + setting
                    + "\" (expected \"<name>+<hash>+<key> [<url>]\")");
            }
            NoteVerifier verifier = NoteVerifier.parse(parts[0]);
            String base = parts.length == 2 ? parts[1] : "https://" + verifier.name();
            if (!base.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
                throw new ModuleSourceException("checksum database url \"" + base + "\" is not an http(s) url");
            }
            return new Server(verifier, base);
        }

        public String lookupUrl(String module, String version) throws ModuleSourceException {
            return ChecksumDatabase.lookupUrl(base, module, version);
        }
    }

    /** What the checksum database says about one module version. */
    public record Lookup(long recordId, long treeSize, String module, String version, String zipHash, String goModHash) {
    }

    private ChecksumDatabase() {
    }

    /** The lookup url for a module version, path and version escaped as the go command escapes them. */
    public static String lookupUrl(String base, String module, String version) throws ModuleSourceException {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + "/lookup/" + ModulePath.escapePath(module) + "@" + ModulePath.escapeVersion(version);
    }

    public static Lookup parseLookup(String body, String module, String version, NoteVerifier verifier)
        throws ModuleSourceException {
        int firstLine = body.indexOf('\n');
        if (firstLine <= 0 || !body.substring(0, firstLine).matches("0|[1-9][0-9]{0,17}")) {
            throw malformed("it does not start with a record number");
        }
        long id = Long.parseLong(body.substring(0, firstLine));
        int blank = body.indexOf("\n\n", firstLine + 1);
        if (blank < 0) {
            throw malformed("its record is not followed by a blank line and a signed tree head");
        }
        String record = body.substring(firstLine + 1, blank + 1);
        String zipHash = null;
        String goModHash = null;
        for (String line : record.split("\n")) {
            String zipPrefix = module + " " + version + " ";
            String modPrefix = module + " " + version + "/go.mod ";
            if (line.startsWith(zipPrefix)) {
                zipHash = single(zipHash, line.substring(zipPrefix.length()), module, version);
            } else if (line.startsWith(modPrefix)) {
                goModHash = single(goModHash, line.substring(modPrefix.length()), module, version);
            }
        }
        if (zipHash == null) {
            throw new ModuleSourceException("the checksum database's answer has no zip hash for " + module + "@" + version
                + " (it is about another module or version)");
        }
        if (!zipHash.matches("h1:[A-Za-z0-9+/]{43}=")) {
            throw malformed("the zip hash for " + module + "@" + version + " is not an h1: hash");
        }
        String tree = verifier.open(body.substring(blank + 2));
        String[] lines = tree.split("\n", -1);
        if (!tree.startsWith(TREE_HEADER) || lines.length < 4 || !lines[1].matches("0|[1-9][0-9]{0,17}")) {
            throw malformed("its signed note is not a go.sum database tree head");
        }
        long size = Long.parseLong(lines[1]);
        if (id >= size) {
            throw new ModuleSourceException("the checksum database's record " + id + " is not in its signed tree of " + size + " records");
        }
        return new Lookup(id, size, module, version, zipHash, goModHash);
    }

    private static String single(String current, String hash, String module, String version) throws ModuleSourceException {
        if (current != null && !current.equals(hash)) {
            throw new ModuleSourceException("the checksum database's answer has two different hashes for " + module + "@" + version);
        }
        return hash;
    }

    private static ModuleSourceException malformed(String why) {
        return new ModuleSourceException("malformed checksum database answer: " + why);
    }
}
