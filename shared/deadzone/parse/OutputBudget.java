package deadzone.parse;

import java.util.Locale;

/**
 * How much text parsing one page may produce: {@link #PER_INPUT_CHAR} times the page's own length,
 * and at least {@link #MIN_CHARS}. Every stage counts what it makes (included files, the blocks
 * of nested quotes and lists at each level, the sections), so the work of a parse, not only its
 * result, stays linear in the page: a hostile page (a file included a thousand times, quotes
 * nested to the limit) stops at the budget instead of filling the memory.
 */
final class OutputBudget {
    static final int PER_INPUT_CHAR = 8;
    static final long MIN_CHARS = 8L << 20;

    private final long limit;
    private long used;

    OutputBudget(int inputChars) {
        this.limit = Math.max(MIN_CHARS, (long) PER_INPUT_CHAR * inputChars);
    }

    /** Counts {@code chars} more; over the limit, the page is not parsed further. */
    void spend(long chars) {
        used += chars;
        if (used > limit) {
            throw new ParseLimitExceeded(String.format(Locale.ROOT,
                "parsing it produced more than %,d characters of text (the limit is %d times the page's size, "
                    + "at least %,d)", limit, PER_INPUT_CHAR, MIN_CHARS));
        }
    }
}
