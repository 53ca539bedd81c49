package deadzone.fetch;

import deadzone.util.HttpUrls;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides, per request and per redirect hop, whether {@code GITHUB_TOKEN} goes along. Only https
 * requests to GitHub's own hosts get it: a registry url on any other host, or a redirect from
 * GitHub to somewhere else (release assets go to signed storage urls), must never see it; nor
 * may a url that another host named (a redirect from a docs site to GitHub): the token follows
 * the rules of the page it was fetched for, all along the chain.
 */
public final class GitHubAuth {
    private GitHubAuth() {
    }

    public static boolean isGitHubHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        // Exactly the hosts that serve documentation and the API: not objects./release-assets.
        // githubusercontent.com, where redirects carry signed urls that must never see the token.
        return h.equals("github.com") || h.equals("api.github.com") || h.equals("raw.githubusercontent.com");
    }

    /**
     * The {@code Authorization} value for the last of {@code hops} (a request and the redirects it
     * followed so far), or empty: only when every hop could carry the token.
     */
    public static Optional<String> authorizationFor(List<URI> hops, String token) {
        for (URI hop : hops) {
            if (authorizationFor(hop, token).isEmpty()) {
                return Optional.empty();
            }
        }
        return hops.isEmpty() ? Optional.empty() : authorizationFor(hops.get(hops.size() - 1), token);
    }

    /** The {@code Authorization} value for {@code uri}, or empty when the token must not be sent there. */
    public static Optional<String> authorizationFor(URI uri, String token) {
        if (token == null || token.isBlank() || uri == null) {
            return Optional.empty();
        }
        // Plain http would put the token on the wire in clear text, even to a GitHub name.
        if (!HttpUrls.isHttps(uri) || !isGitHubHost(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of("Bearer " + token.strip());
    }
}
