package deadzone.cache;

import java.util.Locale;

/** What the fan-in got for one library, as the report and the summary spell it. */
public enum RestoreStatus {
    /** Its artifact is from this very run (state.yaml run_id equals GITHUB_RUN_ID). */
    SCRAPED,
    /** The exact cache key was restored; the artifact is from an earlier run and still current. */
    CACHED,
    /** Only an older key of the same slug was found: the artifact is out of date, but not lost. */
    STALE,
    /** Nothing usable: no entry at all, or the download or extraction failed. */
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
