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

    /**
     * Words that match nearly every English section: they add nothing to BM25's ranking but make
     * it score most of the corpus. Dropped unless the query has nothing else.
     */
    private static final Set<String> STOPWORDS = Set.of(("a an and are as at be by can do does for from how i "
        + "if in into is it me my of on or so that the their there this to use using was we what when where which "
        + "who why will with you your").split(" "));

    private FtsQuery() {
    }

    /** The words OR-ed, each quoted (stopwords left out when others remain); empty when the text has no word. */
    public static String of(String text) {
        List<String> quoted = new ArrayList<>();
        for (String w : words(text)) {
            quoted.add('"' + w + '"');
        }
        return String.join(" OR ", quoted);
    }

    /** The distinct words BM25 is asked for: stopwords left out when others remain. */
    static List<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        Set<String> meaningful = new LinkedHashSet<>();
        for (String w : words) {
            if (!isStopword(w)) {
                meaningful.add(w);
            }
        }
        return List.copyOf(meaningful.isEmpty() ? words : meaningful);
    }

    /** Whether BM25 leaves {@code word} out of a query (it matches nearly every section). */
    public static boolean isStopword(String word) {
        return STOPWORDS.contains(word.toLowerCase(java.util.Locale.ROOT));
    }
}
