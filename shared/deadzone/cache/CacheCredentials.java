package deadzone.cache;

import deadzone.error.UserException;
import deadzone.util.HttpUrls;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The runtime credentials the cache service needs. The runner gives them only to JavaScript
 * actions, so a {@code run:} step sees them only when a JS step before it exported them.
 * The token is a secret: {@link #toString()} never shows it.
 */
public record CacheCredentials(URI resultsUrl, String runtimeToken) {
    public static final String TOKEN_VARIABLE = "ACTIONS_RUNTIME_TOKEN";
    public static final String URL_VARIABLE = "ACTIONS_RESULTS_URL";

    private static final String HOW_TO_EXPOSE = " is not set: the runner gives it only to JavaScript actions, so a JS step"
        + " before this one must expose it to run: steps (for example actions/github-script with"
        + " core.exportVariable('" + TOKEN_VARIABLE + "', process.env." + TOKEN_VARIABLE + ") and the same for "
        + URL_VARIABLE + ", or crazy-max/ghaction-github-runtime)";

    public static CacheCredentials fromEnv(Map<String, String> env) {
        String url = env.get(URL_VARIABLE);
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new UserException(TOKEN_VARIABLE + HOW_TO_EXPOSE);
        }
        if (url == null || url.isBlank()) {
            throw new UserException(URL_VARIABLE + HOW_TO_EXPOSE);
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new UserException(URL_VARIABLE + " is not a URL (" + e.getReason() + "); it should look like"
                + " https://results-receiver.actions.githubusercontent.com/");
        }
        if (!HttpUrls.isHttp(uri)) {
            throw new UserException(URL_VARIABLE + " must be an absolute http(s) URL such as"
                + " https://results-receiver.actions.githubusercontent.com/, not '" + url + "'");
        }
        return new CacheCredentials(uri, token.strip());
    }

    /**
     * The Twirp method's URL. Like the toolkit, the absolute path replaces any path in
     * ACTIONS_RESULTS_URL (it is normally the bare origin with a trailing slash anyway).
     */
    URI twirp(String method) {
        return resultsUrl.resolve("/twirp/github.actions.results.api.v1.CacheService/" + method);
    }

    @Override
    public String toString() {
        return "CacheCredentials[resultsUrl=" + resultsUrl + ", runtimeToken=***]";
    }
}
