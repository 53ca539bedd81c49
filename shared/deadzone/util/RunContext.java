package deadzone.util;

import deadzone.error.UserException;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * What a script takes from its process, handed to it in one piece: the environment variables,
 * the working folder, standard input and how retries wait. Every script has a constructor taking
 * one; its no-argument constructor (what {@code main} uses) takes {@link #process()}, and tests
 * pass their own.
 */
public record RunContext(Map<String, String> env, Path workDir, InputStream stdin, Sleeper sleeper) {
    /** Reproducible builds (reproducible-builds.org): when set, every timestamp a script stores is this one. */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    /** This process: its environment, the current folder, System.in, and real waits. */
    public static RunContext process() {
        return new RunContext(System.getenv(), Path.of(""), System.in, Sleeper.REAL);
    }

    /** {@code env} in the current folder with no standard input; {@code sleeper} sees every wait. */
    public static RunContext of(Map<String, String> env, Sleeper sleeper) {
        return new RunContext(env, Path.of(""), InputStream.nullInputStream(), sleeper);
    }

    public RunContext withWorkDir(Path folder) {
        return new RunContext(env, folder, stdin, sleeper);
    }

    /** The variable's value, or null when unset or blank. */
    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** GITHUB_RUN_ID, "" outside a workflow. */
    public String runId() {
        return env.getOrDefault("GITHUB_RUN_ID", "");
    }

    /**
     * The clock for what a script stores (scraped_at, state.yaml's times): fixed at
     * SOURCE_DATE_EPOCH when it is set, so the same input gives the same bytes; else the system's.
     */
    public Clock clock() {
        String epoch = env(SOURCE_DATE_EPOCH);
        if (epoch == null) {
            return Clock.systemUTC();
        }
        try {
            return Clock.fixed(Instant.ofEpochSecond(Long.parseLong(epoch.strip())), ZoneOffset.UTC);
        } catch (NumberFormatException | DateTimeException e) {
            throw new UserException(SOURCE_DATE_EPOCH + " '" + epoch + "' is not a number of seconds since 1970-01-01;"
                + " set it to one (for example $(git log -1 --format=%ct)) or unset it");
        }
    }
}
