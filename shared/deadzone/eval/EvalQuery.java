package deadzone.eval;

import deadzone.search.Hit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One question of the graded query set: what a user types, why (its intent), the scope they
 * gave (lib_id and version, both optional), and the sections that answer it.
 * {@code heldOut} queries are never looked at while tuning the ranking, so their figures say
 * whether a change generalises.
 */
public record EvalQuery(String id, String query, String intent, String libId, String version, boolean heldOut,
                        List<String> tags, List<Relevant> relevant) {

    public static final List<String> INTENTS = List.of(
        "api-lookup", "conceptual", "how-to", "troubleshooting", "comparison", "version-specific");

    /** Every lib_id the query names (scope and answers): all must be in a database to evaluate it there. */
    public Set<String> libraries() {
        Set<String> libs = new LinkedHashSet<>();
        if (libId != null) {
            libs.add(libId);
        }
        relevant.forEach(r -> libs.add(r.libId()));
        return libs;
    }

    /** The grade of {@code hit}: the best grade of the sections it matches, 0 when none. */
    public int grade(Hit hit) {
        int best = 0;
        for (Relevant r : relevant) {
            if (r.grade() > best && r.matches(hit)) {
                best = r.grade();
            }
        }
        return best;
    }
}
