package deadzone.artifact;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The source kinds a registry entry may name; each decides how fetched documents are parsed. */
public enum Kind {
    GITHUB_MD("github-md"),
    GITHUB_RST("github-rst"),
    HTML("html"),
    /** Accepted for compatibility with the Go registry; extracted like {@link #HTML}, without an LLM. */
    SCRAPE_VIA_AGENT("scrape-via-agent"),
    /** Go package documentation read from source: a GitHub Contents API directory or a module proxy zip (docs/registry.md). */
    GODOC("godoc");

    private final String yamlName;

    Kind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<Kind> fromYaml(String name) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst();
    }

    public static String validNames() {
        return Arrays.stream(values()).map(Kind::yamlName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
