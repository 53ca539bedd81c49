package deadzone.github;

import deadzone.error.RunFailure;
import deadzone.log.Log;
import deadzone.release.Manifest;
import deadzone.release.ReleaseDiff;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds what a publish is compared with: the manifest of the target release, or of the latest
 * release when the tag has none yet (docs/workflow.md, "Reading the diff"). Reads only; a
 * manifest set aside by a publish that was killed half-way counts as the release's manifest.
 */
public final class PreviousManifest {
    /** A manifest lists a few hundred bytes per entry; anything far larger is not one. */
    static final long MAX_BYTES = 64L << 20;

    private PreviousManifest() {
    }

    public static ReleaseDiff.Baseline find(GitHubReleases releases, String tag, String manifestName) {
        try {
            Optional<Release> target = releases.byTag(tag);
            if (target.isPresent()) {
                return of(releases, target.get(), manifestName);
            }
            Optional<Release> latest = releases.latest();
            if (latest.isEmpty()) {
                return ReleaseDiff.Baseline.none("the repository has no release yet");
            }
            return of(releases, latest.get(), manifestName);
        } catch (GitHubApiException e) {
            throw GitHubFailures.explain(e, releases.repo());
        }
    }

    private static ReleaseDiff.Baseline of(GitHubReleases releases, Release release, String manifestName) {
        String label = "release `" + release.tagName() + "`";
        List<ReleaseAsset> assets = releases.assets(release);
        Pattern setAside = ReleasePublisher.suffixed(List.of(manifestName), "old");
        Optional<ReleaseAsset> asset = ReleasePublisher.named(assets, manifestName).stream().findFirst();
        if (asset.isEmpty()) {
            // Ids grow with uploads: the newest set-aside manifest is that of the last complete publish.
            asset = assets.stream().filter(a -> setAside.matcher(a.name()).matches())
                .max(Comparator.comparingLong(ReleaseAsset::id));
            asset.ifPresent(a -> Log.warn("manifest_set_aside", label + " holds no " + manifestName
                + " but the one a publish killed half-way set aside (" + a.name() + "); comparing with it"));
        }
        if (asset.isEmpty()) {
            return ReleaseDiff.Baseline.none(label + " has no " + manifestName);
        }
        byte[] bytes = releases.download(asset.get(), MAX_BYTES);
        try {
            Manifest manifest = Manifest.parse(new String(bytes, StandardCharsets.UTF_8));
            Log.info("previous_manifest", "release", release.tagName(), "asset", asset.get().name(),
                "db_sha256", manifest.dbSha256(), "entries", manifest.entries().size());
            return new ReleaseDiff.Baseline(label, manifest);
        } catch (IllegalArgumentException e) {
            throw new RunFailure("the " + asset.get().name() + " of " + label + " is not a deadzone manifest ("
                + e.getMessage() + "); delete that asset from the release to publish without comparing");
        }
    }
}
