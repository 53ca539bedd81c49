package deadzone.search;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The lib_ids nearest to one that is not in the database, so an answer can say "did you mean":
 * first those sharing the most words ({@code fastapi} finds {@code /fastapi/fastapi},
 * {@code /tiangolo/fastapi} too), then the smallest edit distance.
 */
public final class LibIdSuggestions {
    /** Longer input is cut before comparing: a lib_id is short, and edit distance is quadratic. */
    private static final int MAX_COMPARED = 200;

    private LibIdSuggestions() {
    }

    public static List<String> closest(String given, Collection<String> libIds, int n) {
        String wanted = normalise(given);
        Set<String> wantedWords = words(wanted);
        record Scored(String libId, int shared, int distance) {
        }
        return libIds.stream()
            .map(id -> {
                String candidate = normalise(id);
                Set<String> common = new HashSet<>(words(candidate));
                common.retainAll(wantedWords);
                return new Scored(id, common.size(), distance(wanted, candidate));
            })
            .sorted(Comparator.comparingInt((Scored s) -> -s.shared()).thenComparingInt(Scored::distance)
                .thenComparing(Scored::libId))
            .limit(n)
            .map(Scored::libId)
            .toList();
    }

    private static String normalise(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return lower.length() > MAX_COMPARED ? lower.substring(0, MAX_COMPARED) : lower;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>(Arrays.asList(text.split("[^\\p{L}\\p{N}]+")));
        words.remove("");
        return words;
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
