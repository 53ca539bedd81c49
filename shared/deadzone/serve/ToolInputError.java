package deadzone.serve;

/**
 * A tool call the server cannot answer as asked (a bad argument, an unknown lib_id): the message
 * goes back to the model as the tool's error text, so it says what to send instead.
 */
final class ToolInputError extends RuntimeException {
    ToolInputError(String message) {
        super(message);
    }
}
