package deadzone.serve;

import deadzone.error.RunFailure;
import deadzone.github.GitHubRepo;
import deadzone.log.Log;
import deadzone.util.AtomicFiles;
import deadzone.util.Hashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The database of a repository's GitHub Release, kept in a cache folder. At start a short probe
 * reads the release's checksum: unchanged, the cached file is served; changed, the new database
 * is downloaded beside it, verified and renamed over it (a reader never sees half a file, a
 * failure leaves the old one). Offline mode never uses the network; without auto-update the
 * cached file is served unprobed. A checksum mismatch is fatal; an unreachable release is a
 * warning when a cached database can be served, and fatal when none can.
 */
final class ReleaseCache {
    private final GitHubRepo repo;
    private final String tag;
    private final Path dir;
    private final boolean offline;
    private final boolean autoUpdate;
    private final ReleaseClient client;
    private final Clock clock;

    /** {@code tag} null: the latest release. */
    ReleaseCache(GitHubRepo repo, String tag, Path dir, boolean offline, boolean autoUpdate, ReleaseClient client, Clock clock) {
        this.repo = repo;
        this.tag = tag;
        this.dir = dir;
        this.offline = offline;
        this.autoUpdate = autoUpdate;
        this.client = client;
        this.clock = clock;
    }

    Path databasePath() {
        return dir.resolve(ReleaseClient.DB_ASSET);
    }

    /** The database to serve, downloaded or updated first when needed; one line and exit 1 when there is none. */
    Path resolve() {
        Path db = databasePath();
        Optional<CachedRelease> cached = usableCache(db);
        String wanted = repo + (tag == null ? "" : " at tag " + tag);
        if (offline) {
            if (cached.isPresent()) {
                Log.info("db_cached", "db", db, "tag", cached.get().tag(), "reason", "offline");
                return db;
            }
            throw new RunFailure("DEADZONE_DB_OFFLINE=1 and no cached deadzone.db of " + wanted + " in " + dir
                + ": unset DEADZONE_DB_OFFLINE once to download it, or pass --db FILE");
        }
        if (cached.isPresent() && !autoUpdate) {
            Log.info("db_cached", "db", db, "tag", cached.get().tag(), "reason", "auto-update off");
            return db;
        }
        ReleaseClient.Release release;
        String expected;
        try {
            release = client.release(repo, tag);
            expected = client.expectedSha256(release);
        } catch (ReleaseUnavailable e) {
            return fallBack(db, cached, e);
        }
        if (cached.isPresent() && cached.get().sha256().equals(expected)) {
            Log.info("db_unchanged", "db", db, "tag", release.tag());
            return db;
        }
        if (cached.isPresent() && cached.get().sha256().isEmpty() && sameBytes(db, expected)) {
            // A file placed by hand, without a sidecar: it is this release's, so nothing to download.
            record(db, release.tag(), expected);
            return db;
        }
        return download(db, cached, release, expected);
    }

    /**
     * The cached database, when its sidecar says it is of this repository (and of the pinned tag);
     * a database without a sidecar (placed by hand) counts when no tag is pinned, of unknown tag and sha256.
     */
    private Optional<CachedRelease> usableCache(Path db) {
        if (!Files.isRegularFile(db)) {
            return Optional.empty();
        }
        Optional<CachedRelease> sidecar = CachedRelease.read(db);
        if (sidecar.isEmpty()) {
            return tag == null ? Optional.of(new CachedRelease(repo.toString(), "", "", java.time.Instant.EPOCH))
                : Optional.empty();
        }
        return sidecar.filter(c -> c.repo().equals(repo.toString())).filter(c -> tag == null || c.tag().equals(tag));
    }

    private Path fallBack(Path db, Optional<CachedRelease> cached, ReleaseUnavailable e) {
        if (cached.isPresent()) {
            String which = cached.get().tag().isEmpty() ? "" : " of " + cached.get().tag();
            Log.warn("db_release_unavailable", e.getMessage() + "; serving the cached deadzone.db" + which,
                "db", db, "tag", cached.get().tag());
            return db;
        }
        throw new RunFailure(e.getMessage() + "; no cached deadzone.db of " + repo + " in " + dir
            + " to serve instead: check the network, or pass --db FILE", e);
    }

    private Path download(Path db, Optional<CachedRelease> cached, ReleaseClient.Release release, String expected) {
        Path scratch;
        try {
            Files.createDirectories(dir);
            AtomicFiles.removeLeftoverScratch(db);
            scratch = AtomicFiles.scratchBeside(db);
        } catch (IOException e) {
            throw new RunFailure("cannot write to the cache folder " + dir + " (" + e.getMessage() + "): set "
                + CacheFolder.ENV + " to a writable folder", e);
        }
        long start = System.nanoTime();
        try {
            Log.info("db_downloading", "repo", repo, "tag", release.tag(), "bytes", release.db().size());
            String actual;
            try {
                actual = client.download(release, scratch);
            } catch (ReleaseUnavailable e) {
                return fallBack(db, cached, e);
            }
            if (!actual.equals(expected)) {
                throw new RunFailure("checksum mismatch: deadzone.db of " + repo + " release " + release.tag()
                    + " has sha256 " + actual + " but its deadzone.db.sha256 says " + expected + "; refused, "
                    + (cached.isPresent() ? "the cached database is unchanged" : "nothing was cached")
                    + " (republish the release with DbRelease)");
            }
            try {
                AtomicFiles.publish(scratch, db);
            } catch (IOException e) {
                // Windows refuses to replace a file another server still has open: serve that one this time.
                if (cached.isPresent()) {
                    Log.warn("db_swap_failed", "cannot replace " + db + " (" + e.getMessage() + "); serving the cached"
                        + " database, the next start tries again", "db", db);
                    return db;
                }
                throw e;
            }
            record(db, release.tag(), expected);
            Log.info(cached.isPresent() ? "db_updated" : "db_downloaded", "db", db, "tag", release.tag(),
                "ms", (System.nanoTime() - start) / 1_000_000);
            return db;
        } catch (IOException e) {
            throw new RunFailure("cannot write " + db + " (" + e.getMessage() + "): set " + CacheFolder.ENV
                + " to a writable folder with room for the database", e);
        } finally {
            try {
                Files.deleteIfExists(scratch);
            } catch (IOException ignored) {
                // swept up by the next start (removeLeftoverScratch)
            }
        }
    }

    private void record(Path db, String releaseTag, String sha256) {
        try {
            new CachedRelease(repo.toString(), releaseTag, sha256, clock.instant()).writeFor(db);
        } catch (IOException e) {
            // The database is in place; without its sidecar the next start hashes it again, nothing worse.
            Log.warn("db_sidecar_unwritten", "cannot write " + CachedRelease.pathFor(db) + ": " + e.getMessage());
        }
    }

    private static boolean sameBytes(Path db, String sha256) {
        try {
            return Hashes.sha256Hex(db).equals(sha256);
        } catch (IOException e) {
            return false;
        }
    }
}
