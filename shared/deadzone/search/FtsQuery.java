package deadzone.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever a person typed into safe FTS5 syntax: the words are taken out and each one
 * quoted as a string, so quotes, '*', '-', ':', NEAR, AND/OR/NOT and parentheses are plain text.
 */
public final class FtsQuery {
    /** What the unicode61 tokenizer (with '_' as a token character) keeps together. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");

    private FtsQuery() {
    }

    /** The words OR-ed, each quoted; empty when the text has no word at all. */
    public static String of(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        List<String> quoted = new ArrayList<>();
        for (String w : words) {
            quoted.add('"' + w + '"');
        }
        return String.join(" OR ", quoted);
    }
}
