package deadzone.parse;

/**
 * Follows markdown fenced code blocks line by line ({@link Fence}), so that nothing inside one is
 * taken for a heading, a comment or an include. An unclosed fence runs to the end of the
 * document, as in CommonMark.
 */
final class FenceTracker {
    private Fence open;

    /** Whether the line belongs to a fenced block: its opening line, its content or its closing line. */
    boolean feed(String line) {
        if (open != null) {
            if (open.closedBy(line)) {
                open = null;
            }
            return true;
        }
        open = Fence.opening(line);
        return open != null;
    }

    boolean inside() {
        return open != null;
    }
}
