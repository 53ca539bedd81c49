package deadzone.cache;

import deadzone.error.UserException;

/**
 * The service refused the credentials themselves (reads denied by the job's cache-mode, or a
 * token it does not accept): every entry would fail the same way, so the whole run stops with
 * one clear line and exit code 2 instead of N identical failures.
 */
public class CacheAccessDenied extends UserException {
    public CacheAccessDenied(String message) {
        super(message);
    }
}
