package deadzone.github;

import deadzone.error.RunFailure;
import deadzone.log.Log;
import deadzone.util.Hashes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Publishes a database and its checksum file to the release of a tag, replacing the assets of the
 * same names. Both files are first uploaded under temporary names and checked; only then are the
 * old assets removed (checksum first) and the new ones renamed into place (checksum last). So
 * the visible assets go {old db, old sum} -> {old db} -> {} -> {new db} -> {new db, new sum}:
 * a reader can briefly find an asset missing, but never a database beside another one's checksum
 * (docs/workflow.md, "Publishing").
 */
public final class ReleasePublisher {
    public static final String DB_CONTENT_TYPE = "application/octet-stream";
    public static final String CHECKSUM_CONTENT_TYPE = "text/plain";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GitHubReleases releases;

    public ReleasePublisher(GitHubReleases releases) {
        this.releases = releases;
    }

    /** What was published: the release and its final assets. */
    public record Published(Release release, boolean created, ReleaseAsset db, ReleaseAsset checksum) {
    }

    /** Publishes {@code db} (whose sha256 the caller has computed already) and {@code checksum}. */
    public Published publish(String tag, Path db, String dbSha256, Path checksum) {
        try {
            return publishOrThrow(tag, db, dbSha256, checksum);
        } catch (GitHubApiException e) {
            throw GitHubFailures.explain(e, releases.repo());
        }
    }

    private Published publishOrThrow(String tag, Path db, String dbSha256, Path checksum) {
        String dbName = db.getFileName().toString();
        String sumName = checksum.getFileName().toString();
        Release release = releases.byTag(tag).orElse(null);
        boolean created = release == null;
        if (created) {
            release = releases.create(tag);
            Log.info("release_created", "repo", releases.repo(), "tag", tag, "release_id", release.id());
        } else {
            Log.info("release_found", "repo", releases.repo(), "tag", tag, "release_id", release.id());
        }

        List<ReleaseAsset> before = releases.assets(release);
        Pattern temporary = temporaryNames(dbName);
        for (ReleaseAsset leftover : before) {
            if (temporary.matcher(leftover.name()).matches()) {
                releases.delete(leftover);
                Log.info("asset_leftover_deleted", "name", leftover.name(), "asset_id", leftover.id());
            }
        }

        String suffix = ".new-" + HexFormat.of().formatHex(randomBytes());
        ReleaseAsset newDb = uploadChecked(release, dbName + suffix, db, dbSha256, DB_CONTENT_TYPE);
        ReleaseAsset newSum;
        try {
            newSum = uploadChecked(release, sumName + suffix, checksum, sha256(checksum), CHECKSUM_CONTENT_TYPE);
        } catch (RuntimeException e) {
            discard(newDb);
            throw e;
        }

        List<ReleaseAsset> oldSums = named(before, sumName);
        List<ReleaseAsset> oldDbs = named(before, dbName);
        try {
            oldSums.forEach(this::deleteOld);
            oldDbs.forEach(this::deleteOld);
            newDb = releases.rename(newDb, dbName);
            newSum = releases.rename(newSum, sumName);
        } catch (RuntimeException e) {
            Log.error("release_swap_incomplete", "the release of " + tag + " may lack " + dbName + " or " + sumName
                + " until DbRelease runs again (the new files are uploaded as " + dbName + suffix + " and "
                + sumName + suffix + ")");
            throw e;
        }
        Log.info("release_swapped", "tag", tag, "replaced", oldDbs.size() + oldSums.size());

        List<ReleaseAsset> after = releases.assets(release);
        expectOne(after, dbName, db);
        expectOne(after, sumName, checksum);
        return new Published(release, created, newDb, newSum);
    }

    /** {@code <db>.new-<hex>} and {@code <db>.sha256.new-<hex>}: this tool's temporaries, from this or an earlier run. */
    static Pattern temporaryNames(String dbName) {
        return Pattern.compile(Pattern.quote(dbName) + "(?:\\.sha256)?\\.new-[0-9a-f]+");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private ReleaseAsset uploadChecked(Release release, String name, Path file, String sha256, String contentType) {
        ReleaseAsset asset;
        try {
            asset = releases.upload(release, name, file, contentType);
        } catch (GitHubApiException e) {
            if (e.status() != 422) {
                throw e;
            }
            // An attempt that failed half-way can leave a broken asset holding the name; drop it and upload once more.
            for (ReleaseAsset existing : named(releases.assets(release), name)) {
                releases.delete(existing);
            }
            asset = releases.upload(release, name, file, contentType);
        }
        long size = size(file);
        if (asset.size() != size || asset.digest().filter(d -> !d.equalsIgnoreCase("sha256:" + sha256)).isPresent()) {
            discard(asset);
        }
        if (asset.size() != size || !(asset.state().isEmpty() || asset.state().equals("uploaded"))) {
            throw new RunFailure("upload of " + file.getFileName() + " is incomplete: GitHub holds " + asset.size()
                + " bytes in state '" + asset.state() + "', the file has " + size + " bytes; run DbRelease again");
        }
        if (asset.digest().isPresent() && !asset.digest().get().equalsIgnoreCase("sha256:" + sha256)) {
            throw new RunFailure("upload of " + file.getFileName() + " arrived altered: GitHub's digest is "
                + asset.digest().get() + ", the file's sha256:" + sha256 + "; run DbRelease again");
        }
        Log.info("asset_uploaded", "name", name, "bytes", size, "asset_id", asset.id());
        return asset;
    }

    /** Best effort: a temporary upload that failed its check goes now, or at the start of the next run. */
    private void discard(ReleaseAsset temporary) {
        try {
            releases.delete(temporary);
        } catch (RuntimeException e) {
            Log.warn("asset_discard_failed", "could not delete the temporary asset " + temporary.name()
                + "; the next run removes it", "asset_id", temporary.id());
        }
    }

    private void deleteOld(ReleaseAsset old) {
        releases.delete(old);
        Log.info("asset_old_deleted", "name", old.name(), "asset_id", old.id());
    }

    /** A last look, as a reader sees the release: exactly one asset of the name, of the file's size. */
    private static void expectOne(List<ReleaseAsset> assets, String name, Path file) {
        List<ReleaseAsset> same = named(assets, name);
        long size = size(file);
        if (same.size() != 1 || same.get(0).size() != size) {
            throw new RunFailure("after publishing, the release has " + same.size() + " asset(s) named " + name
                + " instead of one of " + size + " bytes; check the release and run DbRelease again");
        }
    }

    private static List<ReleaseAsset> named(List<ReleaseAsset> assets, String name) {
        List<ReleaseAsset> out = new ArrayList<>();
        for (ReleaseAsset a : assets) {
            if (a.name().equals(name)) {
                out.add(a);
            }
        }
        return out;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try {
            return Hashes.sha256Hex(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
