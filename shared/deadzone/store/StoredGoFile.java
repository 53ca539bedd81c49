package deadzone.store;

/**
 * One Go source file of a godoc entry's package, kept in the artifact's {@code go_files} table:
 * the listing that named it, its name and download url, its git blob sha and its bytes. A later
 * run whose listing gives the same sha takes the bytes from here instead of downloading them.
 */
public record StoredGoFile(String listingUrl, String name, String downloadUrl, String gitSha, byte[] content) {
}
