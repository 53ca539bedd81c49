package deadzone.github;

/**
 * GitHub answered a request with an error status (after any retries). Carries what GitHub said,
 * never the request's headers, so it cannot carry the token.
 */
public class GitHubApiException extends RuntimeException {
    private final int status;
    private final String method;
    private final String path;
    private final String apiMessage;

    public GitHubApiException(int status, String method, String path, String apiMessage) {
        super(method + " " + path + " answered " + status + (apiMessage.isEmpty() ? "" : ": " + apiMessage));
        this.status = status;
        this.method = method;
        this.path = path;
        this.apiMessage = apiMessage;
    }

    public int status() {
        return status;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** GitHub's {@code message} (plus validation error codes), or "" when the body had none. */
    public String apiMessage() {
        return apiMessage;
    }
}
