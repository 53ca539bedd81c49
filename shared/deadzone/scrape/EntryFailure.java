package deadzone.scrape;

/** An entry that must not produce an artifact (a 4xx other than 404/410, too many skipped urls). */
public final class EntryFailure extends Exception {
    public EntryFailure(String message) {
        super(message);
    }
}
