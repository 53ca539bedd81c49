package deadzone.fetch;

/**
 * What became of one url. {@code body} is the decoded (gunzipped) body for {@link Outcome#OK} and
 * empty otherwise; {@code etag}/{@code lastModified} are the validators to send next time (for
 * {@link Outcome#NOT_MODIFIED}, the server's or else the ones that were sent); {@code reason}
 * says why for anything but OK; {@code attempts} counts requests including retries (redirect
 * hops are not counted). {@code status} is the last HTTP status, 0 when none was received.
 */
public record FetchResult(
    String url,
    Outcome outcome,
    int status,
    byte[] body,
    String contentType,
    String etag,
    String lastModified,
    String reason,
    int attempts) {

    public enum Outcome {
        /** 2xx: the body is here. */
        OK,
        /** 304 to a conditional request: the previous content is still current. */
        NOT_MODIFIED,
        /** 404 or 410: the url does not exist (reported and skipped, never retried). */
        MISSING,
        /** Anything else, after the retries it deserved; {@code reason} says what. */
        FAILED
    }

    private static final byte[] EMPTY = new byte[0];

    public FetchResult {
        body = body == null ? EMPTY : body;
    }

    public boolean isOk() {
        return outcome == Outcome.OK;
    }

    /**
     * A failure the server meant: a 4xx other than 404/410 (missing) and 429 (busy), such as 401 or
     * 403. Retrying will not help and the url is not merely gone, so its entry fails.
     */
    public boolean refused() {
        return outcome == Outcome.FAILED && isRefusal(status);
    }

    /** 404 and 410: the url does not exist. */
    static boolean isMissing(int status) {
        return status == 404 || status == 410;
    }

    /** 429 and 5xx: the server may answer later. */
    static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }

    static boolean isRefusal(int status) {
        return status >= 400 && status < 500 && !isMissing(status) && !isTransient(status);
    }

    static FetchResult failed(String url, int status, String reason, int attempts) {
        return new FetchResult(url, Outcome.FAILED, status, EMPTY, null, null, null, reason, attempts);
    }

    @Override
    public String toString() {
        return "FetchResult[" + outcome + " " + url + " status=" + status + " bytes=" + body.length
            + " attempts=" + attempts + (reason == null ? "" : " reason=" + reason) + "]";
    }
}
