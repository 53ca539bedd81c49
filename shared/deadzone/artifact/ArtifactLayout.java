package deadzone.artifact;

import java.nio.file.Path;

/**
 * Where artifacts live (docs/pipeline.md, "The artifact layout"): one folder per slug under the
 * artifacts folder ({@code --artifacts}, default {@value #DEFAULT_FOLDER}), holding
 * {@value #DB_FILE} and {@value #STATE_FILE}.
 */
public record ArtifactLayout(Path root) {
    /** The default artifacts folder, relative to the working folder (or the workflow's workspace). */
    public static final String DEFAULT_FOLDER = "artifacts";
    public static final String DB_FILE = "artifact.db";
    public static final String STATE_FILE = "state.yaml";

    public Path folder(String slug) {
        return root.resolve(slug);
    }

    public Path db(String slug) {
        return dbIn(folder(slug));
    }

    public Path state(String slug) {
        return stateIn(folder(slug));
    }

    /** The artifact database of an artifact folder. */
    public static Path dbIn(Path folder) {
        return folder.resolve(DB_FILE);
    }

    /** The state.yaml of an artifact folder. */
    public static Path stateIn(Path folder) {
        return folder.resolve(STATE_FILE);
    }

    /**
     * The workflow's cache {@code path:} for a slug: the default folder relative to the workspace,
     * byte for byte, because the cache service's version hashes this text.
     */
    public static String cachePath(String slug) {
        return DEFAULT_FOLDER + "/" + slug;
    }
}
