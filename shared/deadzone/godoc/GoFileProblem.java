package deadzone.godoc;

/** A source file that could not be read as Go, and why, in one line (it starts with "line N:" when a line is known). */
public record GoFileProblem(String file, String reason) {
    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
