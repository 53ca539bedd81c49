package deadzone.search;

import deadzone.godoc.PackageOverview;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go package's overview explains its API in its own words, so a question about one function or
 * type often matches the overview a little better than the document of the identifier it asks
 * for ("check whether an error wraps another one": the {@code errors} overview, then
 * {@code errors.Is}). Where the ranking puts a package's overview directly before its own
 * identifiers (consecutive chunks of that package, the overview first), the first identifier
 * document of that run moves ahead of the overview: the API the question asks for comes first,
 * and the overview follows right after it as its context. Nothing moves across another library's
 * chunks, so an overview that is the package's only good answer keeps its place. A question about
 * the package itself wants the overview, so it keeps the order it has: one that says "package" or
 * "library" ("what is the errors package for"), or names the package by its import path ("what
 * is archive/tar for"), as search engines send a query naming a page to that page.
 */
final class ApiBeforeOverview {
    private static final Set<String> ABOUT_A_PACKAGE = Set.of("package", "packages", "library", "libraries");
    /**
     * An import path as written in a question: words joined by slashes ({@code net/url},
     * {@code github.com/pacer-dev/pacer/cadence}); it names a package whose lib_id it ends, or ends with.
     */
    private static final Pattern PATH = Pattern.compile("[\\w.-]+(?:/[\\w.-]+)+");

    private ApiBeforeOverview() {
    }

    /**
     * {@code order} with, in each run of one Go package's chunks that begins with its overview, the
     * first identifier document lifted to the run's front, unless {@code query} asks about that package.
     */
    static List<Fusion.Scored> apply(String query, List<Fusion.Scored> order, Map<Long, Hit> rows) {
        boolean packageWord = FtsQuery.words(query).stream().anyMatch(w -> ABOUT_A_PACKAGE.contains(w.toLowerCase(Locale.ROOT)));
        if (packageWord) {
            return order;
        }
        List<String> paths = new ArrayList<>();
        Matcher m = PATH.matcher(query.toLowerCase(Locale.ROOT));
        while (m.find()) {
            paths.add("/" + m.group());
        }
        List<Fusion.Scored> out = new ArrayList<>(order);
        int start = 0;
        while (start < out.size()) {
            Hit first = rows.get(out.get(start).id());
            int end = start + 1;
            while (end < out.size() && samePackage(first, rows.get(out.get(end).id()))) {
                end++;
            }
            String libId = first.libId().toLowerCase(Locale.ROOT);
            if (isOverview(first) && paths.stream().noneMatch(p -> libId.endsWith(p) || p.endsWith(libId))) {
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
