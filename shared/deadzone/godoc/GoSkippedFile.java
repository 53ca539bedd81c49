package deadzone.godoc;

/** A file of the directory that is not part of the documented package (a test, a generator, another package), and why. */
public record GoSkippedFile(String file, String reason) {
    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
