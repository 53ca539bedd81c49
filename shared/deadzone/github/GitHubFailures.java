package deadzone.github;

import deadzone.error.RunFailure;

/** Turns GitHub's refusals into one line that says which permission or input is wrong. */
public final class GitHubFailures {
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
            case 404 -> "repository " + repo + " not found or the token cannot see it (404 on " + request + ")";
            default -> "GitHub answered " + e.status() + " to " + request + said;
        };
        return new RunFailure(line, e);
    }
}
