package deadzone.error;

/**
 * Bad input from the person running a script (a malformed registry, an unknown library, a missing
 * credential). Reported as one line and exit code 2; never with a stack trace.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
