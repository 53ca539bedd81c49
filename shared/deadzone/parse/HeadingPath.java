package deadzone.parse;

import java.util.List;
import java.util.regex.Pattern;

/** A chain of headings as one text, "H1 > H2 > H3": how docs.heading_path stores it and the model reads it. */
public final class HeadingPath {
    public static final String SEPARATOR = " > ";

    private HeadingPath() {
    }

    public static String join(List<String> headings) {
        return String.join(SEPARATOR, headings);
    }

    /** The headings of a stored path; "" is the empty path. */
    public static List<String> split(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split(Pattern.quote(SEPARATOR), -1));
    }
}
