package rehearsal;

/**
 * The rehearsal met something in the workflow it does not play (an unknown expression, context,
 * property, action or key), or its own set-up broke. Never a job failure: the rehearsal stops,
 * so it cannot drift silently from scrape-pack.yml.
 */
public class RehearsalException extends RuntimeException {
    public RehearsalException(String message) {
        super(message);
    }

    public RehearsalException(String message, Throwable cause) {
        super(message, cause);
    }
}
