package rehearsal;

import java.util.Set;

/**
 * The {@code uses:} actions the rehearsal plays, and the {@code with:} inputs it understands for
 * each. Any other action, or another input, stops the rehearsal when the workflow is read.
 */
public enum Action {
    /** The job's workspace becomes a copy of the project (see {@link Checkout}). */
    CHECKOUT("actions/checkout", Set.of("fetch-depth", "ref", "persist-credentials")),
    /** This machine's JDK is used. */
    SETUP_JAVA("actions/setup-java", Set.of("distribution", "java-version", "cache")),
    /** The project's ./jbang wrapper is put on PATH instead. */
    SETUP_JBANG("jbangdev/setup-jbang", Set.of("version")),
    /** actions/cache: restore now, save in the job's post phase; a no-op for paths under ~ (tool caches). */
    CACHE("actions/cache", Set.of("path", "key", "restore-keys")),
    CACHE_RESTORE("actions/cache/restore", Set.of("path", "key", "restore-keys", "fail-on-cache-miss")),
    CACHE_SAVE("actions/cache/save", Set.of("path", "key")),
    /** Runs the script with node and @actions/core (the only global it provides is {@code core}). */
    GITHUB_SCRIPT("actions/github-script", Set.of("script"));

    public final String name;
    public final Set<String> inputs;

    Action(String name, Set<String> inputs) {
        this.name = name;
        this.inputs = inputs;
    }

    /** The action {@code uses} names ({@code actions/cache@v5}); an unknown one throws. */
    public static Action of(String uses) {
        int at = uses.indexOf('@');
        if (at < 0) {
            throw new RehearsalException("uses: " + uses + " has no @version");
        }
        String name = uses.substring(0, at);
        for (Action a : values()) {
            if (a.name.equals(name)) {
                return a;
            }
        }
        throw new RehearsalException("uses: " + uses + " is an action the rehearsal does not play;"
            + " teach tools/rehearsal/Action.java about it (or drop it from the workflow)");
    }

    /** Whether this action runs as JavaScript on a runner (and so gets the cache service credentials). */
    public boolean isJavaScript() {
        return this == CACHE || this == CACHE_RESTORE || this == CACHE_SAVE || this == GITHUB_SCRIPT;
    }
}
