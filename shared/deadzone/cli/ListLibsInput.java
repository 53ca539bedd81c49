package deadzone.cli;

import deadzone.error.UserException;
import deadzone.registry.MatrixJson;
import deadzone.util.RunContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** The value of a {@code --libs FILE|-} option: ListLibs output (flat or batched) from a file, or stdin for "-". */
public final class ListLibsInput {
    private ListLibsInput() {
    }

    /** The slots, in order; a missing file or anything but ListLibs output is a {@link UserException}. */
    public static List<MatrixJson.Slot> read(String libs, RunContext context) throws IOException {
        String json;
        try {
            json = "-".equals(libs) ? new String(context.stdin().readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(context.workDir().resolve(Path.of(libs)), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserException("--libs " + libs + ": no such file; pass the output of ListLibs");
        }
        try {
            return MatrixJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new UserException("--libs " + libs + ": " + e.getMessage() + "; pass the output of ListLibs");
        }
    }
}
