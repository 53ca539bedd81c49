//SOURCES ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/godoc/GoPackageUrl.java ../shared/deadzone/godoc/ModulePath.java
//SOURCES ../shared/deadzone/godoc/ModuleSourceException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/registry/LibrarySpec.java ../shared/deadzone/registry/RegistryException.java
//SOURCES ../shared/deadzone/registry/RegistryLoader.java ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/registry/VersionSpec.java
//SOURCES ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Utf8.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/Project.java

import deadzone.artifact.Kind;
import deadzone.registry.RegistryLoader;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import support.Project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issue forms of .github/ISSUE_TEMPLATE parse as GitHub issue forms, and every field they ask
 * for is a field of a registry entry (its id is the field's name), so a request maps one to one
 * onto an entry of libraries_sources.yaml.
 */
class IssueTemplateTest {
    private static final Path FOLDER = Project.root().resolve(".github/ISSUE_TEMPLATE");
    private static final Set<String> FORM_KEYS = Set.of("name", "description", "title", "labels", "assignees", "projects",
        "type", "body");
    private static final Set<String> ELEMENT_TYPES = Set.of("markdown", "input", "textarea", "dropdown", "checkboxes");

    @Test
    void everyFormParsesAndAsksOnlyForRegistryFields() throws IOException {
        List<Path> forms = forms();
        assertEquals(List.of("refresh-library.yml", "request-library.yml"),
            forms.stream().map(p -> p.getFileName().toString()).sorted().toList());
        for (Path form : forms) {
            Set<String> ids = fieldIds(form);
            Set<String> unknown = new LinkedHashSet<>(ids);
            unknown.removeAll(RegistryLoader.entryFields());
            assertEquals(Set.of(), unknown, form.getFileName() + " asks for fields the registry does not have");
            assertTrue(ids.contains("lib_id"), form.getFileName() + " names the library");
            assertTrue(required(form).contains("lib_id"), form.getFileName() + ": lib_id is required");
        }
    }

    @Test
    void theRequestFormAsksForEveryFieldOfAnEntry() throws IOException {
        Path request = FOLDER.resolve("request-library.yml");
        assertEquals(RegistryLoader.entryFields(), fieldIds(request));
        assertEquals(Set.of("lib_id", "kind", "urls"), required(request), "what an entry cannot do without");
        Map<String, Object> kind = element(request, "kind");
        assertEquals("dropdown", kind.get("type"));
        Set<String> offered = new HashSet<>(strings(attributes(kind).get("options")));
        Set<String> kinds = new HashSet<>(Arrays.stream(Kind.values()).map(Kind::yamlName).toList());
        kinds.remove(Kind.SCRAPE_VIA_AGENT.yamlName()); // accepted for the Go registries only; html reads the same pages
        assertEquals(kinds, offered, "the kinds a new entry may have");
    }

    @Test
    void theRefreshFormChangesAnExistingEntry() throws IOException {
        Path refresh = FOLDER.resolve("refresh-library.yml");
        Set<String> ids = fieldIds(refresh);
        assertTrue(ids.containsAll(Set.of("lib_id", "ref", "versions", "urls")), ids.toString());
        assertEquals(Set.of("lib_id"), required(refresh), "only the library is required: the rest is what changes");
    }

    @Test
    void theChooserConfigParses() throws IOException {
        Map<String, Object> config = yaml(FOLDER.resolve("config.yml"));
        assertTrue(Set.of("blank_issues_enabled", "contact_links").containsAll(config.keySet()), config.toString());
        assertTrue(config.get("blank_issues_enabled") instanceof Boolean, config.toString());
    }

    // ---- reading the forms

    private static List<Path> forms() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                .filter(p -> !p.getFileName().toString().startsWith("config.")).sorted().toList();
        }
    }

    /** The ids of the form's input elements, each checked to be a well-formed issue-form element. */
    private static Set<String> fieldIds(Path form) throws IOException {
        Map<String, Object> root = yaml(form);
        String where = form.getFileName().toString();
        assertTrue(FORM_KEYS.containsAll(root.keySet()), where + " has keys GitHub does not know: " + root.keySet());
        for (String key : List.of("name", "description")) {
            assertTrue(root.get(key) instanceof String text && !text.isBlank(), where + " needs a " + key);
        }
        Set<String> ids = new LinkedHashSet<>();
        List<Map<String, Object>> body = body(root, where);
        assertFalse(body.isEmpty(), where + " has a body");
        for (Map<String, Object> element : body) {
            Object type = element.get("type");
            assertTrue(ELEMENT_TYPES.contains(type), where + ": element type " + type);
            Map<String, Object> attributes = attributes(element);
            if ("markdown".equals(type)) {
                assertTrue(attributes.get("value") instanceof String, where + ": a markdown element has a value");
                assertFalse(element.containsKey("id"), where + ": a markdown element has no id");
                continue;
            }
            String id = String.valueOf(element.get("id"));
            assertTrue(id.matches("[A-Za-z0-9_-]+"), where + ": id " + id);
            assertTrue(ids.add(id), where + ": id " + id + " twice");
            assertTrue(attributes.get("label") instanceof String label && !label.isBlank(), where + ": " + id + " has a label");
            if ("dropdown".equals(type)) {
                assertFalse(strings(attributes.get("options")).isEmpty(), where + ": " + id + " has options");
            }
        }
        return ids;
    }

    private static Set<String> required(Path form) throws IOException {
        Set<String> required = new LinkedHashSet<>();
        for (Map<String, Object> element : body(yaml(form), form.toString())) {
            Object validations = element.get("validations");
            if (validations instanceof Map<?, ?> v && Boolean.TRUE.equals(v.get("required"))) {
                required.add(String.valueOf(element.get("id")));
            }
        }
        return required;
    }

    private static Map<String, Object> element(Path form, String id) throws IOException {
        return body(yaml(form), form.toString()).stream().filter(e -> id.equals(e.get("id"))).findFirst()
            .orElseThrow(() -> new AssertionError(form + " has no " + id));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> body(Map<String, Object> root, String where) {
        Object body = root.get("body");
        assertTrue(body instanceof List<?>, where + ": body is a list");
        List<Map<String, Object>> elements = new ArrayList<>();
        for (Object e : (List<Object>) body) {
            assertTrue(e instanceof Map<?, ?>, where + ": a body element is a mapping");
            elements.add((Map<String, Object>) e);
        }
        return elements;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(Map<String, Object> element) {
        Object attributes = element.get("attributes");
        assertTrue(attributes instanceof Map<?, ?>, "an element has attributes: " + element);
        return (Map<String, Object>) attributes;
    }

    private static List<String> strings(Object list) {
        assertTrue(list instanceof List<?>, "a list: " + list);
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        Object root = new Load(LoadSettings.builder().setLabel(file.toString()).build())
            .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(root instanceof Map<?, ?>, file + " is a YAML mapping");
        return (Map<String, Object>) root;
    }
}
