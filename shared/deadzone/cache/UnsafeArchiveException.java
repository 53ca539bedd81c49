package deadzone.cache;

import java.io.IOException;

/** An archive entry would land outside the entry's own folder; the whole archive is refused. */
public class UnsafeArchiveException extends IOException {
    public UnsafeArchiveException(String message) {
        super(message);
    }
}
