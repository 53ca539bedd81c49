package deadzone.godoc;

/**
 * A module zip or checksum answer that is refused: an invalid module path or version, a zip whose
 * hash is not the checksum database's, an unsafe or oversized zip, a malformed or unsigned
 * checksum answer. The message is one line saying what and where.
 */
public final class ModuleSourceException extends Exception {
    public ModuleSourceException(String message) {
        super(message);
    }
}
