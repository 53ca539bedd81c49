package deadzone.parse;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * reStructuredText inline markup to markdown: roles reduced to their text ({@code :class:`~flask.Flask`}
 * to {@code `Flask`}, {@code :ref:`text <target>`} to {@code text}), inline literals and
 * interpreted text to code spans, hyperlink references to their text.
 */
final class RstInline {
    private static final Pattern INLINE = Pattern.compile(
        "(?s)``(.+?)``"                        // 1 inline literal
        + "|:([A-Za-z][\\w.+-]*(?::[\\w.+-]+)*):`((?:\\\\`|[^`])+)`" // 2 role, 3 content
        + "|`([^`]+)`__?"                      // 4 hyperlink reference
        + "|`([^`]+)`");                        // 5 interpreted text (default role)
    private static final Pattern EXPLICIT_TITLE = Pattern.compile("(?s)^(.*?)\\s*<([^<>]+)>$");
    /** Roles whose text is a name in code: shown as a code span. */
    private static final Set<String> CODE_ROLES = Set.of("func", "meth", "class", "attr", "data", "exc",
        "obj", "mod", "const", "file", "command", "option", "envvar", "program", "samp", "kbd",
        "code", "literal", "type", "member", "var", "macro", "function", "struct", "enum", "prop");

    private RstInline() {
    }

    static String convert(String text) {
        if (text.indexOf('`') < 0) {
            return text.replace("\\ ", "");
        }
        Matcher m = INLINE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                replacement = code(m.group(1));
            } else if (m.group(2) != null) {
                replacement = role(m.group(2), m.group(3).replace("\\`", "`"));
            } else if (m.group(4) != null) {
                replacement = link(m.group(4));
            } else {
                replacement = code(m.group(5));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("\\ ", "");
    }

    private static String role(String role, String content) {
        String name = role.substring(role.lastIndexOf(':') + 1);
        Matcher titled = EXPLICIT_TITLE.matcher(content);
        if (titled.matches() && !titled.group(1).isBlank()) {
            return name.equals("ref") || name.equals("doc") || !CODE_ROLES.contains(name)
                ? titled.group(1) : code(titled.group(1));
        }
        String target = content.startsWith("!") ? content.substring(1) : content;
        if (target.startsWith(".") || target.startsWith("~.")) {
            target = target.startsWith("~") ? "~" + target.substring(2) : target.substring(1); // ".Flask": found by search, shown as "Flask"
        }
        if (target.startsWith("~")) {
            // ~flask.Flask.route shows as route() in Sphinx: the last component only
            target = target.substring(1);
            target = target.substring(target.lastIndexOf('.') + 1);
        }
        return CODE_ROLES.contains(name) ? code(target) : target;
    }

    private static String link(String content) {
        Matcher titled = EXPLICIT_TITLE.matcher(content);
        if (titled.matches() && !titled.group(1).isBlank()) {
            // links keep their text, as in the HTML parser: the address is noise for search
            return titled.group(1);
        }
        return content;
    }

    private static String code(String text) {
        return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
    }
}
