package deadzone.cli;

import deadzone.error.UserException;

/** --lib and --version, as every script that takes them reads them: a version is a version of a library. */
public final class LibSelection {
    private LibSelection() {
    }

    /** Refuses {@code --version} without {@code --lib}. */
    public static void requireLibForVersion(String lib, String version) {
        if (version != null && lib == null) {
            throw new UserException("--version needs --lib (which library's version?)");
        }
    }
}
