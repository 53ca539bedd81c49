package deadzone.parse;

import java.util.Locale;
import java.util.Map;

/** The fence language of an included file, from its name. */
final class CodeLanguages {
    private CodeLanguages() {
    }

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
        Map.entry("py", "python"), Map.entry("pyi", "python"), Map.entry("js", "javascript"),
        Map.entry("mjs", "javascript"), Map.entry("ts", "typescript"), Map.entry("tsx", "tsx"),
        Map.entry("jsx", "jsx"), Map.entry("md", "markdown"), Map.entry("markdown", "markdown"),
        Map.entry("yml", "yaml"), Map.entry("yaml", "yaml"), Map.entry("toml", "toml"),
        Map.entry("json", "json"), Map.entry("sh", "bash"), Map.entry("bash", "bash"),
        Map.entry("zsh", "bash"), Map.entry("go", "go"), Map.entry("java", "java"),
        Map.entry("kt", "kotlin"), Map.entry("kts", "kotlin"), Map.entry("groovy", "groovy"),
        Map.entry("scala", "scala"), Map.entry("rs", "rust"), Map.entry("rb", "ruby"),
        Map.entry("c", "c"), Map.entry("h", "c"), Map.entry("cpp", "cpp"), Map.entry("cs", "csharp"),
        Map.entry("html", "html"), Map.entry("htm", "html"), Map.entry("xml", "xml"),
        Map.entry("css", "css"), Map.entry("sql", "sql"), Map.entry("ini", "ini"),
        Map.entry("cfg", "ini"), Map.entry("jinja", "jinja"), Map.entry("j2", "jinja"),
        Map.entry("txt", "text"), Map.entry("rst", "rst"), Map.entry("proto", "protobuf"),
        Map.entry("graphql", "graphql"), Map.entry("php", "php"), Map.entry("swift", "swift"));

    static String forPath(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.equalsIgnoreCase("Dockerfile")) {
            return "dockerfile";
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return "";
        }
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(ext, ext);
    }

    static boolean isMarkdown(String path) {
        return forPath(path).equals("markdown");
    }
}
