package deadzone.error;

/**
 * An expected runtime failure (a library failed to scrape, an artifact is bad, a service refused):
 * one line and exit code 1, no stack trace unless --verbose.
 */
public class RunFailure extends RuntimeException {
    public RunFailure(String message) {
        super(message);
    }

    public RunFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
