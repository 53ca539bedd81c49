package deadzone.fetch;

/**
 * The cache validators a previous fetch of a url returned ({@code ETag}, {@code Last-Modified}),
 * sent back as {@code If-None-Match} / {@code If-Modified-Since} so an unchanged url costs one 304.
 * Either may be null.
 */
public record Validators(String etag, String lastModified) {
    public static final Validators NONE = new Validators(null, null);

    public Validators {
        etag = blankToNull(etag);
        lastModified = blankToNull(lastModified);
    }

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
