package deadzone.godoc;

import java.util.List;

/**
 * Module paths and versions as the go command writes them in proxy and checksum database URLs
 * (golang.org/x/mod/module): a valid path is checked, then every upper-case letter becomes "!"
 * and its lower-case form ({@code github.com/Azure/x} is {@code github.com/!azure/x}), so that
 * paths stay distinct on case-insensitive file systems.
 */
public final class ModulePath {
    private static final List<String> BAD_WINDOWS_NAMES = List.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3",
        "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private ModulePath() {
    }

    /** The escaped form of a module path, after checking it is a valid module path. */
    public static String escapePath(String path) throws ModuleSourceException {
        String problem = checkPath(path);
        if (problem != null) {
            throw new ModuleSourceException("invalid module path \"" + path + "\": " + problem);
        }
        return escape(path);
    }

    /** The escaped form of a version (any valid file name without "!"; "v1.2.3" for tagged ones). */
    public static String escapeVersion(String version) throws ModuleSourceException {
        if (version == null || version.contains("!") || checkElement(version, false) != null) {
            throw new ModuleSourceException("invalid module version \"" + version + "\": disallowed version string");
        }
        return escape(version);
    }

    /**
     * A module path or version as a registry url may write it, in its natural form
     * ({@code github.com/Azure/x}) or escaped ({@code github.com/!azure/x}): the natural form. An
     * escaped text may not hold an upper-case letter, and each "!" must precede a lower-case one.
     */
    public static String natural(String text) throws ModuleSourceException {
        if (text.indexOf('!') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                throw new ModuleSourceException("invalid escaped module path or version \"" + text + "\": an upper-case letter beside a \"!\"");
            }
            if (c == '!') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (next < 'a' || next > 'z') {
                    throw new ModuleSourceException("invalid escaped module path or version \"" + text + "\": \"!\" must precede a lower-case letter");
                }
                out.append((char) (next - ('a' - 'A')));
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out.append('!').append((char) (c + ('a' - 'A')));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Why {@code path} is not a valid module path, or null when it is (module.CheckPath's rules). */
    static String checkPath(String path) {
        if (path == null || path.isEmpty()) {
            return "empty string";
        }
        if (path.charAt(0) == '-') {
            return "leading dash";
        }
        if (path.contains("//")) {
            return "double slash";
        }
        if (path.endsWith("/")) {
            return "trailing slash";
        }
        for (String elem : path.split("/", -1)) {
            String problem = checkElement(elem, true);
            if (problem != null) {
                return problem;
            }
        }
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        if (first.isEmpty()) {
            return "leading slash";
        }
        if (!first.contains(".")) {
            return "missing dot in first path element";
        }
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (!(c == '-' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z')) {
                return "invalid char '" + c + "' in first path element";
            }
        }
        if (!validMajorVersionSuffix(path)) {
            return "invalid version";
        }
        return null;
    }

    /** One path element: module path characters, or file name characters for a version. */
    private static String checkElement(String elem, boolean modulePath) {
        if (elem.isEmpty()) {
            return "empty path element";
        }
        if (elem.chars().allMatch(c -> c == '.')) {
            return "invalid path element \"" + elem + "\"";
        }
        if (modulePath && elem.charAt(0) == '.') {
            return "leading dot in path element";
        }
        if (elem.endsWith(".")) {
            return "trailing dot in path element";
        }
        for (int i = 0; i < elem.length(); ) {
            int c = elem.codePointAt(i);
            boolean ok = modulePath ? modulePathChar(c) : fileNameChar(c);
            if (!ok) {
                return "invalid char '" + new String(Character.toChars(c)) + "'";
            }
            i += Character.charCount(c);
        }
        int dot = elem.indexOf('.');
        String shortName = dot >= 0 ? elem.substring(0, dot) : elem;
        for (String bad : BAD_WINDOWS_NAMES) {
            if (bad.equalsIgnoreCase(shortName)) {
                return "\"" + shortName + "\" disallowed as path element component on Windows";
            }
        }
        if (modulePath) {
            int tilde = shortName.lastIndexOf('~');
            if (tilde >= 0 && tilde < shortName.length() - 1 && shortName.substring(tilde + 1).chars().allMatch(Character::isDigit)) {
                return "trailing tilde and digits in path element";
            }
        }
        return null;
    }

    private static boolean modulePathChar(int c) {
        return c == '-' || c == '.' || c == '_' || c == '~' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean fileNameChar(int c) {
        if (c < 0x80) {
            return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || "!#$%&()+,-.=@[]^_{}~ ".indexOf(c) >= 0;
        }
        return Character.isLetter(c);
    }

    /** A final /vN element must be /v2 or above, without a leading zero or dots; gopkg.in paths end in .vN. */
    private static boolean validMajorVersionSuffix(String path) {
        if (path.startsWith("gopkg.in/")) {
            int i = path.length();
            if (path.endsWith("-unstable")) {
                i -= "-unstable".length();
            }
            while (i > 0 && Character.isDigit(path.charAt(i - 1))) {
                i--;
            }
            if (i <= 1 || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '.') {
                return false;
            }
            String major = path.substring(i - 2);
            return major.length() > 2 && (major.charAt(2) != '0' || major.equals(".v0"));
        }
        int i = path.length();
        boolean dot = false;
        while (i > 0 && (Character.isDigit(path.charAt(i - 1)) || path.charAt(i - 1) == '.')) {
            dot |= path.charAt(i - 1) == '.';
            i--;
        }
        if (i <= 1 || i == path.length() || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '/') {
            return true;
        }
        String major = path.substring(i - 2);
        return !(dot || major.length() <= 2 || major.charAt(2) == '0' || major.equals("/v1"));
    }
}
