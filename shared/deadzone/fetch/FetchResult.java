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

    static FetchResult failed(String url, int status, String reason, int attempts) {
        return new FetchResult(url, Outcome.FAILED, status, EMPTY, null, null, null, reason, attempts);
    }

    @Override
    public String toString() {
        return "FetchResult[" + outcome + " " + url + " status=" + status + " bytes=" + body.length
            + " attempts=" + attempts + (reason == null ? "" : " reason=" + reason) + "]";
    }
}
