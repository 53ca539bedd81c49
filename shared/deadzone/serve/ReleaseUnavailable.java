package deadzone.serve;

/**
 * The release could not be read (network down, no such release, asset missing, refused): with a
 * cached database the server warns and serves the cache; without one it stops with this line.
 */
final class ReleaseUnavailable extends Exception {
    ReleaseUnavailable(String message) {
        super(message);
    }

    ReleaseUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
