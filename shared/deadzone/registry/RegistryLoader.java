//DEPS org.snakeyaml:snakeyaml-engine:2.10
package deadzone.registry;

import deadzone.artifact.Kind;
import deadzone.godoc.GoPackageUrl;
import deadzone.log.Log;
import deadzone.util.Failures;
import deadzone.util.HttpUrls;
import deadzone.util.Utf8;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code libraries_sources.yaml} and enforces every registry rule (docs/registry.md).
 * Works on the YAML node tree, not on bound objects, so that scalars keep the text as written
 * ({@code ref: 3.10} stays "3.10") and every message can name the line, the entry and the field.
 */
public final class RegistryLoader {
    static final String REF = "{ref}";
    static final String VERSION = "{version}";
    private static final Set<String> ENTRY_FIELDS = Set.of("lib_id", "kind", "urls", "ref", "versions", "description");
    private static final Set<String> VERSION_FIELDS = Set.of("ref", "urls");
    /** Far more than a registry needs, far less than what overflows the composer's recursion. */
    static final int MAX_NESTING = 64;

    private final String file;

    private RegistryLoader(Path path) {
        this.file = path.toString();
    }

    /** Parses and validates; every rule broken is a {@link RegistryException} of one line. */
    public static List<LibrarySpec> load(Path path) {
        return new RegistryLoader(path).read(path);
    }

    /** The fields a registry entry may have; any other is warned about. */
    public static Set<String> entryFields() {
        return ENTRY_FIELDS;
    }

    private List<LibrarySpec> read(Path path) {
        Node root;
        try {
            String text = Utf8.decode(Files.readAllBytes(path));
            LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new CoreSchema()).build();
            checkNesting(settings, text);
            root = new Compose(settings).composeString(text)
                .orElseThrow(() -> new RegistryException(file + ": the file is empty; it needs a 'libraries:' list"));
        } catch (NoSuchFileException e) {
            throw new RegistryException(file + ": registry file not found (pass --config FILE)");
        } catch (Utf8.Invalid e) {
            throw new RegistryException(file + ": not UTF-8: the byte at offset " + e.offset() + " (line " + e.line()
                + ") is not valid UTF-8; save it as UTF-8");
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
            throw new RegistryException(file + where + ": invalid YAML: " + oneLine(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new RegistryException(file + ": invalid YAML: " + oneLine(e.getMessage()));
        } catch (IOException e) {
            throw new RegistryException(file + ": cannot read the registry: " + Failures.describe(e));
        }

        if (!(root instanceof MappingNode top)) {
            throw new RegistryException(file + at(root) + ": the top level must be a mapping with a 'libraries:' list");
        }
        Map<String, Node> fields = mapping(top, "the top level", Set.of("libraries"));
        Node libraries = fields.get("libraries");
        if (libraries == null || isNull(libraries)) {
            throw new RegistryException(file + at(top) + ": 'libraries:' is missing; it must list at least one library");
        }
        if (!(libraries instanceof SequenceNode list)) {
            throw new RegistryException(file + at(libraries) + ": 'libraries:' must be a list of entries");
        }
        if (list.getValue().isEmpty()) {
            throw new RegistryException(file + at(libraries) + ": 'libraries:' is empty; add at least one library");
        }
        List<LibrarySpec> specs = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            specs.add(entry(i, list.getValue().get(i)));
        }
        return specs;
    }

    /**
     * Refuses nesting deeper than {@link #MAX_NESTING} before the document is composed: composing
     * recurses once per level, and a 10,000-deep file overflowed the stack. The event parser that
     * this reads does not recurse.
     */
    private void checkNesting(LoadSettings settings, String text) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            if (event instanceof CollectionStartEvent) {
                depth++;
                if (depth > MAX_NESTING) {
                    String where = event.getStartMark().map(m -> ":" + (m.getLine() + 1)).orElse("");
                    throw new RegistryException(file + where + ": invalid YAML: nested more than " + MAX_NESTING
                        + " levels deep; a registry needs 4 (libraries, an entry, versions, a version)");
                }
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
    }

    private LibrarySpec entry(int index, Node node) {
        EntryErrors err = new EntryErrors(index, null);
        if (!(node instanceof MappingNode map)) {
            throw err.at(node, null, "each entry must be a mapping with lib_id, kind and urls");
        }
        Map<String, Node> fields = mapping(map, "entry " + index, ENTRY_FIELDS);

        // lib_id first, so every later message can name it.
        Node libIdNode = fields.get("lib_id");
        String libId = libIdNode == null ? null : scalar(libIdNode, err, "lib_id");
        if (libId == null || libId.isBlank()) {
            throw err.at(libIdNode == null ? map : libIdNode, "lib_id", "is required (for example /org/project)");
        }
        err = new EntryErrors(index, libId);
        if (!libId.startsWith("/")) {
            throw err.at(libIdNode, "lib_id", "must start with '/' (for example /org/project)");
        }
        if (libId.endsWith("/") || libId.length() == 1) {
            throw err.at(libIdNode, "lib_id", "must not end with '/'");
        }
        if (libId.chars().anyMatch(Character::isWhitespace)) {
            throw err.at(libIdNode, "lib_id", "must not contain whitespace");
        }
        checkLibId(libId, libIdNode, err);

        Node kindNode = fields.get("kind");
        String kindName = kindNode == null ? null : scalar(kindNode, err, "kind");
        if (kindName == null || kindName.isBlank()) {
            throw err.at(kindNode == null ? map : kindNode, "kind", "is required; valid kinds: " + Kind.validNames());
        }
        String kindText = kindName;
        Kind kind = Kind.fromYaml(kindName).orElseThrow(() ->
            err0(index, libId).at(kindNode, "kind", "unknown kind '" + kindText + "'; valid kinds: " + Kind.validNames()));

        String ref = optionalRef(fields.get("ref"), err, "ref");
        String description = fields.containsKey("description") ? scalar(fields.get("description"), err, "description") : null;

        Node urlsNode = fields.get("urls");
        List<String> urls = urlsNode == null || isNull(urlsNode) ? List.of() : urls(urlsNode, err, "urls", kind);

        Node versionsNode = fields.get("versions");
        List<VersionSpec> versions = versionsNode == null || isNull(versionsNode)
            ? List.of() : versions(versionsNode, err, kind);

        if (versions.isEmpty()) {
            if (urls.isEmpty()) {
                throw err.at(urlsNode == null ? map : urlsNode, "urls", "must list at least one url");
            }
            for (String url : urls) {
                if (url.contains(REF) && ref == null) {
                    throw err.at(urlsNode, "urls", "'" + url + "' uses {ref} but the entry has no 'ref:'; add one (a tag or commit)");
                }
            }
        } else {
            for (VersionSpec v : versions) {
                String field = "versions." + v.name();
                checkSlug(Slugs.slug(libId, v.name()), versionsNode, err, field);
                List<String> effective = v.urls() != null ? v.urls() : urls;
                if (effective.isEmpty()) {
                    throw err.at(urlsNode == null ? versionsNode : urlsNode, "urls",
                        "version '" + v.name() + "' has no urls: list them at the top level or under " + field + ".urls");
                }
                for (String url : effective) {
                    if (!url.contains(REF)) {
                        throw err.at(v.urls() != null ? versionsNode : urlsNode, v.urls() != null ? field + ".urls" : "urls",
                            "'" + url + "' lacks {ref}; with versions every url must contain {ref} so each version fetches its own docs");
                    }
                }
                if (v.ref() == null && ref == null) {
                    throw err.at(versionsNode, field + ".ref",
                        "version '" + v.name() + "' has no ref; set " + field + ".ref or a top-level ref");
                }
            }
        }
        return new LibrarySpec(index, libId, kind, ref, urls, versions, description);
    }

    /**
     * A lib_id names folders (artifacts/&lt;slug&gt;/) and cache keys: each segment must be a plain,
     * printable name, so that no lib_id can point a write outside artifacts/ or put a control
     * character into a folder name, a key or a log line.
     */
    private void checkLibId(String libId, Node node, EntryErrors err) {
        for (String segment : libId.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                throw err.at(node, "lib_id", "has an empty segment ('//'); write it as /org/project");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw err.at(node, "lib_id", "segment '" + segment + "' is not allowed; a lib_id names folders, "
                    + "so each segment must be a plain name (for example /org/project)");
            }
        }
        checkPrintable(libId, node, err, "lib_id");
        if (libId.indexOf('\\') >= 0) {
            throw err.at(node, "lib_id", "must not contain '\\'; separate segments with '/'");
        }
        checkSlug(Slugs.slug(libId, ""), node, err, "lib_id");
    }

    private void checkPrintable(String text, Node node, EntryErrors err, String field) {
        int at = Slugs.firstUnprintable(text);
        if (at >= 0) {
            throw err.at(node, field, String.format("contains the unprintable character U+%04X at position %d; "
                + "use printable characters only", text.codePointAt(at), at));
        }
    }

    private void checkSlug(String slug, Node node, EntryErrors err, String field) {
        int bytes = Slugs.bytes(slug);
        if (bytes > Slugs.MAX_BYTES) {
            throw err.at(node, field, "the slug '" + slug.substring(0, Math.min(slug.length(), 40)) + "...' is " + bytes
                + " bytes, more than the " + Slugs.MAX_BYTES + " a folder name and cache key may have; shorten it");
        }
    }

    private List<VersionSpec> versions(Node node, EntryErrors err, Kind kind) {
        if (node instanceof SequenceNode) {
            throw err.at(node, "versions", "the list form is not supported; use a mapping such as "
                + "versions: { \"1.4\": { ref: v1.4.1 } }");
        }
        if (!(node instanceof MappingNode map)) {
            throw err.at(node, "versions", "must be a mapping such as versions: { \"1.4\": { ref: v1.4.1 } }");
        }
        if (map.getValue().isEmpty()) {
            throw err.at(node, "versions", "is empty; remove it or name at least one version");
        }
        List<VersionSpec> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : map.getValue()) {
            String name = scalar(tuple.getKeyNode(), err, "versions");
            if (name == null || name.isEmpty()) {
                throw err.at(tuple.getKeyNode(), "versions", "a version name is empty");
            }
            String shown = Slugs.printable(name);
            String field = "versions." + shown;
            if (!seen.add(name)) {
                throw err.at(tuple.getKeyNode(), field, "version '" + shown + "' is listed twice");
            }
            if (name.chars().anyMatch(Character::isWhitespace)) {
                throw err.at(tuple.getKeyNode(), field, "version name '" + shown + "' must not contain whitespace");
            }
            if (name.contains("/")) {
                throw err.at(tuple.getKeyNode(), field, "version name '" + shown + "' must not contain '/'");
            }
            if (name.contains(VERSION) || name.contains(REF)) {
                throw err.at(tuple.getKeyNode(), field, "version name '" + shown + "' must not contain a placeholder");
            }
            checkPrintable(name, tuple.getKeyNode(), err, field);
            if (name.indexOf('\\') >= 0) {
                throw err.at(tuple.getKeyNode(), field, "version name '" + shown + "' must not contain '\\'");
            }
            Node value = tuple.getValueNode();
            String ref = null;
            List<String> urls = null;
            if (!isNull(value)) {
                if (!(value instanceof MappingNode vmap)) {
                    throw err.at(value, field, "must be a mapping such as { ref: v1.4.1 } or { urls: [...] }");
                }
                Map<String, Node> vfields = mapping(vmap, err.describe() + " " + field, VERSION_FIELDS);
                ref = optionalRef(vfields.get("ref"), err, field + ".ref");
                Node vurls = vfields.get("urls");
                if (vurls != null) {
                    if (isNull(vurls)) {
                        throw err.at(vurls, field + ".urls", "is empty; list urls or remove the field to inherit the top-level urls");
                    }
                    urls = urls(vurls, err, field + ".urls", kind);
                    if (urls.isEmpty()) {
                        throw err.at(vurls, field + ".urls", "is an empty list; list urls or remove the field to inherit the top-level urls");
                    }
                }
            }
            out.add(new VersionSpec(name, ref, urls));
        }
        return out;
    }

    private List<String> urls(Node node, EntryErrors err, String field, Kind kind) {
        if (!(node instanceof SequenceNode seq)) {
            throw err.at(node, field, "must be a list of urls");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            String url = isNull(item) ? null : scalar(item, err, field + "[" + i + "]");
            if (url == null || url.isBlank()) {
                throw err.at(item, field + "[" + i + "]", "is blank; every url must be a non-empty string");
            }
            if (url.contains(VERSION)) {
                throw err.at(item, field + "[" + i + "]", "uses {version}, which is not supported; use {ref} and give each version a ref");
            }
            checkUrl(url.strip(), item, err, field + "[" + i + "]");
            if (kind == Kind.GODOC) {
                checkGodocUrl(url.strip(), item, err, field + "[" + i + "]");
            }
            out.add(url.strip());
        }
        return List.copyOf(out);
    }

    /** An absolute http(s) url once {ref} is filled in; anything else would only fail at fetch time. */
    private void checkUrl(String url, Node node, EntryErrors err, String field) {
        try {
            if (!HttpUrls.isHttp(new URI(url.replace(REF, "ref")))) {
                throw err.at(node, field, "'" + url + "' is not an http(s) url with a host");
            }
        } catch (URISyntaxException e) {
            throw err.at(node, field, "'" + url + "' is not a valid url (" + e.getReason() + " at index " + e.getIndex()
                + "; encode spaces as %20)");
        }
    }

    /** A godoc url names a package in one of the two shapes it can be read from (docs/registry.md, "godoc urls"). */
    private void checkGodocUrl(String url, Node node, EntryErrors err, String field) {
        try {
            GoPackageUrl.parse(url.replace(REF, "ref"));
        } catch (IllegalArgumentException e) {
            throw err.at(node, field, e.getMessage().replace("'" + url.replace(REF, "ref") + "'", "'" + url + "'"));
        }
    }

    private String optionalRef(Node node, EntryErrors err, String field) {
        if (node == null || isNull(node)) {
            return null;
        }
        String ref = scalar(node, err, field);
        if (ref.isEmpty()) {
            return null;
        }
        if (ref.chars().anyMatch(Character::isWhitespace)) {
            throw err.at(node, field, "'" + ref + "' must not contain whitespace");
        }
        if (ref.contains(REF)) {
            throw err.at(node, field, "'" + ref + "' must not contain {ref}");
        }
        if (ref.contains(VERSION)) {
            throw err.at(node, field, "'" + ref + "' uses {version}, which is not supported; a ref is a literal tag or commit");
        }
        return ref;
    }

    private String scalar(Node node, EntryErrors err, String field) {
        if (!(node instanceof ScalarNode s)) {
            throw err.at(node, field, "must be a single value, not a " + (node instanceof SequenceNode ? "list" : "mapping"));
        }
        return isNull(s) ? null : s.getValue();
    }

    /** Key-to-node map in declaration order; duplicate keys are an error, unknown ones a warning. */
    private Map<String, Node> mapping(MappingNode map, String where, Set<String> known) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new RegistryException(file + at(tuple.getKeyNode()) + ": " + where + ": keys must be plain names");
            }
            if (out.put(key.getValue(), tuple.getValueNode()) != null) {
                throw new RegistryException(file + at(key) + ": " + where + ": '" + key.getValue() + "' appears twice");
            }
            if (!known.contains(key.getValue())) {
                // The Go tool ignored unknown keys; a typo like 'url:' deserves a word, not a failure.
                Log.warn("registry_unknown_field", file + at(key) + ": " + where + ": unknown field '"
                    + key.getValue() + "' ignored (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return out;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && (Tag.NULL.equals(s.getTag()) || s.getValue().isEmpty() && s.isPlain());
    }

    private String at(Node node) {
        return node == null ? "" : node.getStartMark().map(m -> ":" + (m.getLine() + 1)).orElse("");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    private EntryErrors err0(int index, String libId) {
        return new EntryErrors(index, libId);
    }

    /** Builds the one-line message: file:line: entry N (lib_id): field: problem. */
    private final class EntryErrors {
        private final int index;
        private final String libId;

        EntryErrors(int index, String libId) {
            this.index = index;
            this.libId = libId;
        }

        String describe() {
            return "entry " + index + (libId == null ? "" : " (" + Slugs.printable(libId) + ")");
        }

        RegistryException at(Node node, String field, String problem) {
            return new RegistryException(file + RegistryLoader.this.at(node) + ": " + describe() + ": "
                + (field == null ? "" : field + ": ") + problem);
        }
    }
}
