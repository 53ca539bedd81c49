package deadzone.github;

import deadzone.error.RunFailure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns GitHub's refusals into one line that says which permission or input is wrong. */
public final class GitHubFailures {
    private static final Pattern ASSET = Pattern.compile("/releases/assets/(\\d+)");
    private static final Pattern RELEASE = Pattern.compile("/releases/(\\d+)(?:/|$)");

    private GitHubFailures() {
    }

    public static RunFailure explain(GitHubApiException e, GitHubRepo repo) {
        String request = e.method() + " " + e.path();
        String said = e.apiMessage().isEmpty() ? "" : ": " + e.apiMessage();
        String line = switch (e.status()) {
            case 401 -> "GITHUB_TOKEN was refused (401" + said + "); set it to a valid token";
            case 403 -> "GitHub refused " + request + " (403" + said + "): the token may not write releases of "
                + repo + "; a workflow job needs `permissions: contents: write`"
                + " (a personal token: Contents read and write)";
            case 404 -> notFound(e, repo, request);
            default -> "GitHub answered " + e.status() + " to " + request + said;
        };
        return new RunFailure(line, e);
    }

    /** A 404 names what is missing: an asset or a release that went away while DbRelease ran, else the repository. */
    private static String notFound(GitHubApiException e, GitHubRepo repo, String request) {
        Matcher asset = ASSET.matcher(e.path());
        if (asset.find()) {
            return "release asset " + asset.group(1) + " of " + repo + " is gone (404 on " + request + "): another "
                + "DbRelease run or a person removed it meanwhile; run DbRelease again";
        }
        Matcher release = RELEASE.matcher(e.path());
        if (release.find()) {
            return "release " + release.group(1) + " of " + repo + " is gone (404 on " + request + "): it was deleted "
                + "while DbRelease ran; run DbRelease again";
        }
        return "repository " + repo + " not found or the token cannot see it (404 on " + request + ")";
    }
}
