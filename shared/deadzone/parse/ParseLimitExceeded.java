package deadzone.parse;

/**
 * A page that would cost more to parse than any documentation page does: nested deeper than a
 * page may be, or producing far more text than it holds. The page is skipped with this message as
 * its reason (docs/pipeline.md, "Parsing"); it never takes the entry or the run down with it.
 */
public class ParseLimitExceeded extends RuntimeException {
    public ParseLimitExceeded(String message) {
        super(message);
    }
}
