package deadzone.github;

import deadzone.error.RunFailure;
import deadzone.log.Log;

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
 * Publishes a set of files that belong together (the database, its checksum, its manifest) to
 * the release of a tag, replacing the assets of the same names. Every file is first uploaded
 * under a temporary name and checked; only then is the old set taken down, last file first, and
 * the new one put up, first file first. The last file (the manifest) is the set's mark: while it
 * is visible, every other file of its set is too, so with the database, checksum and manifest the
 * visible assets go {old db, sum, manifest} -> {old db, sum} -> {old db} -> {} -> {new db} ->
 * {new db, sum} -> {new db, sum, manifest}, and no reader ever sees a file beside a file of another
 * set (docs/workflow.md, "Publishing"). The old mark is renamed aside ({@code <name>.old-<hex>})
 * rather than deleted, and removed only once the new set is up, so a publish killed half-way
 * leaves the previous manifest for the next run to compare with ({@link PreviousManifest}).
 */
public final class ReleasePublisher {
    public static final String DB_CONTENT_TYPE = "application/octet-stream";
    public static final String CHECKSUM_CONTENT_TYPE = "text/plain";
    public static final String MANIFEST_CONTENT_TYPE = "application/json";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GitHubReleases releases;

    public ReleasePublisher(GitHubReleases releases) {
        this.releases = releases;
    }

    /** One file to publish under its own name, whose sha256 the caller has computed. */
    public record ReleaseFile(Path path, String sha256, String contentType) {
        public String name() {
            return path.getFileName().toString();
        }
    }

    /** What was published: the release and its final assets, in the order of the files. */
    public record Published(Release release, boolean created, List<ReleaseAsset> assets) {
    }

    /** Publishes {@code files} (at least one; the last is the set's mark) to the release of {@code tag}. */
    public Published publish(String tag, List<ReleaseFile> files) {
        try {
            return publishOrThrow(tag, files);
        } catch (GitHubApiException e) {
            throw GitHubFailures.explain(e, releases.repo());
        }
    }

    private Published publishOrThrow(String tag, List<ReleaseFile> files) {
        Release release = releases.byTag(tag).orElse(null);
        boolean created = release == null;
        if (created) {
            release = releases.create(tag);
            Log.info("release_created", "repo", releases.repo(), "tag", tag, "release_id", release.id());
        } else {
            Log.info("release_found", "repo", releases.repo(), "tag", tag, "release_id", release.id());
        }

        List<ReleaseAsset> before = releases.assets(release);
        List<String> names = files.stream().map(ReleaseFile::name).toList();
        Pattern temporary = suffixed(names, "new");
        for (ReleaseAsset leftover : before) {
            if (temporary.matcher(leftover.name()).matches()) {
                releases.delete(leftover);
                Log.info("asset_leftover_deleted", "name", leftover.name(), "asset_id", leftover.id());
            }
        }

        String hex = HexFormat.of().formatHex(randomBytes());
        List<ReleaseAsset> uploaded = new ArrayList<>();
        try {
            for (ReleaseFile file : files) {
                uploaded.add(uploadChecked(release, file.name() + ".new-" + hex, file));
            }
        } catch (RuntimeException e) {
            uploaded.forEach(this::discard);
            throw e;
        }

        String mark = names.get(names.size() - 1);
        List<ReleaseAsset> published = new ArrayList<>();
        int replaced = 0;
        try {
            for (ReleaseAsset oldMark : named(before, mark)) {
                releases.rename(oldMark, mark + ".old-" + hex);
                Log.info("asset_old_set_aside", "name", mark, "asset_id", oldMark.id());
                replaced++;
            }
            for (int i = names.size() - 2; i >= 0; i--) {
                for (ReleaseAsset old : named(before, names.get(i))) {
                    releases.delete(old);
                    Log.info("asset_old_deleted", "name", old.name(), "asset_id", old.id());
                    replaced++;
                }
            }
            for (int i = 0; i < names.size(); i++) {
                published.add(releases.rename(uploaded.get(i), names.get(i)));
            }
        } catch (RuntimeException e) {
            Log.error("release_swap_incomplete", "the release of " + tag + " may lack some of " + names
                + " until DbRelease runs again (the new files are uploaded with the suffix .new-" + hex + ")");
            throw e;
        }
        Log.info("release_swapped", "tag", tag, "replaced", replaced);

        List<ReleaseAsset> after = releases.assets(release);
        Pattern setAside = suffixed(List.of(mark), "old");
        for (ReleaseAsset old : after) {
            if (setAside.matcher(old.name()).matches()) {
                releases.delete(old);
                Log.info("asset_old_deleted", "name", old.name(), "asset_id", old.id());
            }
        }
        for (ReleaseFile file : files) {
            expectOne(after, file.name(), file.path());
        }
        return new Published(release, created, List.copyOf(published));
    }

    /** {@code <name>.<kind>-<hex>} for any of {@code names}: this tool's temporaries ("new") or set-aside marks ("old"). */
    static Pattern suffixed(List<String> names, String kind) {
        String alternatives = String.join("|", names.stream().map(Pattern::quote).toList());
        return Pattern.compile("(?:" + alternatives + ")\\." + kind + "-[0-9a-f]+");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private ReleaseAsset uploadChecked(Release release, String name, ReleaseFile file) {
        ReleaseAsset asset;
        try {
            asset = releases.upload(release, name, file.path(), file.contentType());
        } catch (GitHubApiException e) {
            if (e.status() != 422) {
                throw e;
            }
            // An attempt that failed half-way can leave a broken asset holding the name; drop it and upload once more.
            for (ReleaseAsset existing : named(releases.assets(release), name)) {
                releases.delete(existing);
            }
            asset = releases.upload(release, name, file.path(), file.contentType());
        }
        long size = size(file.path());
        String sha256 = file.sha256();
        if (asset.size() != size || asset.digest().filter(d -> !d.equalsIgnoreCase("sha256:" + sha256)).isPresent()) {
            discard(asset);
        }
        if (asset.size() != size || !(asset.state().isEmpty() || asset.state().equals("uploaded"))) {
            throw new RunFailure("upload of " + file.name() + " is incomplete: GitHub holds " + asset.size()
                + " bytes in state '" + asset.state() + "', the file has " + size + " bytes; run DbRelease again");
        }
        if (asset.digest().isPresent() && !asset.digest().get().equalsIgnoreCase("sha256:" + sha256)) {
            throw new RunFailure("upload of " + file.name() + " arrived altered: GitHub's digest is "
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

    /** A last look, as a reader sees the release: exactly one asset of the name, of the file's size. */
    private static void expectOne(List<ReleaseAsset> assets, String name, Path file) {
        List<ReleaseAsset> same = named(assets, name);
        long size = size(file);
        if (same.size() != 1 || same.get(0).size() != size) {
            throw new RunFailure("after publishing, the release has " + same.size() + " asset(s) named " + name
                + " instead of one of " + size + " bytes; check the release and run DbRelease again");
        }
    }

    static List<ReleaseAsset> named(List<ReleaseAsset> assets, String name) {
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
}
