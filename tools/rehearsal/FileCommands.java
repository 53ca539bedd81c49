package rehearsal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's file commands: what a step wrote to {@code GITHUB_OUTPUT}, {@code GITHUB_ENV} or
 * {@code GITHUB_STATE}, in both forms the runner reads ({@code name=value} lines and
 * {@code name<<DELIMITER} ... {@code DELIMITER} blocks). Later lines win, as on GitHub.
 */
public final class FileCommands {
    private FileCommands() {
    }

    /** The pairs in {@code file} (none when it is absent); a malformed file fails the step on GitHub, so it throws. */
    public static Map<String, String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    public static Map<String, String> parse(String text, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int heredoc = line.indexOf("<<");
            int eq = line.indexOf('=');
            if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
                String name = line.substring(0, heredoc);
                String delimiter = line.substring(heredoc + 2);
                if (delimiter.isEmpty()) {
                    throw new IllegalArgumentException(what + " line " + (i + 1) + ": empty delimiter after '<<'");
                }
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                for (; j < lines.size() && !lines.get(j).equals(delimiter); j++) {
                    if (j > i + 1) {
                        value.append('\n');
                    }
                    value.append(lines.get(j));
                }
                if (j >= lines.size()) {
                    throw new IllegalArgumentException(what + " line " + (i + 1) + ": no closing delimiter " + delimiter);
                }
                out.put(checkedName(name, what, i), value.toString());
                i = j;
            } else if (eq > 0) {
                out.put(checkedName(line.substring(0, eq), what, i), line.substring(eq + 1));
            } else {
                throw new IllegalArgumentException(what + " line " + (i + 1) + ": neither name=value nor name<<DELIMITER: "
                    + ExprValues.abbreviate(line));
            }
        }
        return out;
    }

    private static String checkedName(String name, String what, int index) {
        if (name.isBlank()) {
            throw new IllegalArgumentException(what + " line " + (index + 1) + ": empty name");
        }
        return name;
    }
}
