package deadzone.godoc;

/** A source file that is not Go the reader can follow; the message is one line that starts with "line N:". */
final class GoSyntaxException extends Exception {
    GoSyntaxException(int line, String message) {
        super("line " + line + ": " + message);
    }
}
