package deadzone.util;

import java.net.URI;
import java.util.Locale;

/**
 * The one test of "an http(s) url": scheme http or https, compared without case as RFC 3986
 * (section 3.1) says schemes are, and a host. Registry urls, redirects, GITHUB_API_URL and
 * ACTIONS_RESULTS_URL are all checked by it.
 */
public final class HttpUrls {
    private HttpUrls() {
    }

    public static boolean isHttp(URI uri) {
        return uri != null && isHttpScheme(uri.getScheme()) && uri.getHost() != null;
    }

    /** http or https, in any case. */
    public static boolean isHttpScheme(String scheme) {
        if (scheme == null) {
            return false;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        return s.equals("http") || s.equals("https");
    }

    /** https only (what may carry a token), in any case. */
    public static boolean isHttps(URI uri) {
        return uri != null && "https".equalsIgnoreCase(uri.getScheme());
    }
}
