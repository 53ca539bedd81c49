package deadzone.search;

import deadzone.godoc.PackageOverview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Go package's overview explains its API in its own words, so a question about one function or
 * type often matches the overview a little better than the document of the identifier it asks
 * for ("check whether an error wraps another one": the {@code errors} overview, then
 * {@code errors.Is}). Where the ranking puts a package's overview directly before its own
 * identifiers (consecutive chunks of that package, the overview first), the first identifier
 * document of that run moves ahead of the overview: the API the question asks for comes first,
 * and the overview follows right after it as its context. Nothing moves across another library's
 * chunks, so an overview that is the package's only good answer keeps its place.
 */
final class ApiBeforeOverview {
    private ApiBeforeOverview() {
    }

    /**
     * {@code order} with, in each run of one Go package's chunks that begins with its overview, the
     * first identifier document lifted to the run's front.
     */
    static List<Fusion.Scored> apply(List<Fusion.Scored> order, Map<Long, Hit> rows) {
        List<Fusion.Scored> out = new ArrayList<>(order);
        int start = 0;
        while (start < out.size()) {
            Hit first = rows.get(out.get(start).id());
            int end = start + 1;
            while (end < out.size() && samePackage(first, rows.get(out.get(end).id()))) {
                end++;
            }
            if (isOverview(first)) {
                for (int k = start + 1; k < end; k++) {
                    if (!isOverview(rows.get(out.get(k).id()))) {
                        out.add(start, out.remove(k));
                        break;
                    }
                }
            }
            start = end;
        }
        return out;
    }

    private static boolean isOverview(Hit chunk) {
        return PackageOverview.isOverviewUrl(chunk.url());
    }

    private static boolean samePackage(Hit a, Hit b) {
        return a.libId().equals(b.libId()) && a.version().equals(b.version());
    }
}
