package deadzone.store;

/**
 * What happened to one url, kept in {@code sources}: the validators let the next run ask
 * "changed?" and pay one 304 for an unchanged url. {@code status} is ok, not_modified,
 * missing or failed, with the reason after a colon.
 */
public record SourceRecord(String url, String etag, String lastModified, String sha256, String status) {
}
