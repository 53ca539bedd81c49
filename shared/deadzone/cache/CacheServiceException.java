package deadzone.cache;

/** The cache service or the blob store failed for one entry; the message is safe to print (no token, no signed URL). */
public class CacheServiceException extends Exception {
    public CacheServiceException(String message) {
        super(message);
    }

    public CacheServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
