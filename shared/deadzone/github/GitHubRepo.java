package deadzone.github;

import deadzone.error.UserException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A GitHub repository, {@code owner/name}. */
public record GitHubRepo(String owner, String name) {
    // GitHub's own rules: owners are alphanumeric with inner hyphens; names also allow '.' and '_'.
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern REMOTE = Pattern.compile(
        "^(?:https?://(?:[^@/]+@)?github\\.com/|git@github\\.com:|ssh://git@github\\.com(?::\\d+)?/)"
            + "([^/]+)/([^/]+?)(?:\\.git)?/?$");

    public GitHubRepo {
        if (!OWNER.matcher(owner).matches() || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new UserException("'" + owner + "/" + name + "' is not a GitHub repository; give it as owner/name");
        }
    }

    /** Parses {@code owner/name}, as given to --repo or in GITHUB_REPOSITORY. */
    public static GitHubRepo parse(String text, String source) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length != 2) {
            throw new UserException(source + " '" + text + "' is not owner/name (for example: acme/deadzone-docs)");
        }
        return new GitHubRepo(parts[0], parts[1]);
    }

    /** The repository of a github.com git remote (https or ssh), or empty for any other remote. */
    public static Optional<GitHubRepo> fromRemoteUrl(String url) {
        Matcher m = REMOTE.matcher(url.strip());
        if (!m.matches() || !OWNER.matcher(m.group(1)).matches() || !NAME.matcher(m.group(2)).matches()) {
            return Optional.empty();
        }
        return Optional.of(new GitHubRepo(m.group(1), m.group(2)));
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
