package deadzone.parse;

import java.net.URI;
import java.util.Locale;

/**
 * Where the includes of a page may be read from: the page's own scheme and host, at or below the
 * root of its ref (the path up to and including the ref, as the registry url names it). A hostile
 * page must not make the scraper read a file of another site, or of the same site outside the
 * documentation it was pinned to, into the published database (docs/pipeline.md, "Code includes").
 *
 * @param origin {@code scheme://authority} of the page, as written
 * @param root   the raw path includes stay under; starts and ends with {@code /}
 */
public record IncludeBase(String origin, String root) {
    private static final String RAW_GITHUB = "raw.githubusercontent.com";

    /**
     * The base of a page fetched for an entry pinned to {@code ref} (null or empty when it has
     * none): the page's path up to and including the ref's segments, where the url names the ref;
     * on raw.githubusercontent.com without a ref, the repository's ref folder (owner/repo/ref/);
     * else the root of the page's host.
     */
    public static IncludeBase of(String pageUrl, String ref) {
        URI page = URI.create(pageUrl);
        String origin = page.getScheme() + "://" + page.getRawAuthority();
        String path = page.getRawPath() == null || page.getRawPath().isEmpty() ? "/" : page.getRawPath();
        if (ref != null && !ref.isEmpty()) {
            int at = path.indexOf("/" + ref + "/");
            if (at >= 0) {
                return new IncludeBase(origin, path.substring(0, at + ref.length() + 2));
            }
        }
        String host = page.getHost() == null ? "" : page.getHost().toLowerCase(Locale.ROOT);
        if (host.equals(RAW_GITHUB)) {
            String[] segments = path.split("/", -1); // "", owner, repo, ref, ...
            if (segments.length > 4) {
                return new IncludeBase(origin, "/" + segments[1] + "/" + segments[2] + "/" + segments[3] + "/");
            }
        }
        return new IncludeBase(origin, "/");
    }

    /** Whether {@code url} is on this base: same scheme and host, at or below the root. */
    public boolean contains(String url) {
        return url.startsWith(origin + root);
    }

    @Override
    public String toString() {
        return origin + root;
    }
}
