package deadzone.scrape;

/** What a library is embedded as for library search: its lib_id as words, then its description. */
public final class LibraryText {
    private LibraryText() {
    }

    /** {@code /pallets/flask} with a description becomes "pallets flask: Flask, a lightweight...". */
    public static String of(String libId, String description) {
        String words = libId.replaceAll("[/_.-]+", " ").strip();
        return description == null || description.isBlank() ? words : words + ": " + description.strip();
    }
}
