package deadzone.github;

/**
 * GITHUB_TOKEN. Kept in its own type so that no string concatenation, log field or exception
 * message can print it by accident: {@link #toString()} never shows the value.
 */
public record GitHubToken(String value) {
    public GitHubToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty token");
        }
        value = value.strip();
    }

    String authorization() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "GitHubToken[***]";
    }
}
