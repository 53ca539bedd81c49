//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
package deadzone.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The release and release-asset endpoints of one repository. */
public final class GitHubReleases {
    private static final int PAGE_SIZE = 100;

    private final GitHubClient client;
    private final GitHubRepo repo;
    private final String base;

    public GitHubReleases(GitHubClient client, GitHubRepo repo) {
        this.client = client;
        this.repo = repo;
        this.base = "/repos/" + segment(repo.owner()) + "/" + segment(repo.name()) + "/releases";
    }

    public GitHubRepo repo() {
        return repo;
    }

    /** GET /repos/{o}/{r}/releases/tags/{tag}; empty on 404 (no such release, or no such repository). */
    public Optional<Release> byTag(String tag) {
        return client.getIfExists(base + "/tags/" + segment(tag)).map(Release::from);
    }

    /** GET /repos/{o}/{r}/releases/latest: the newest published release that is not a pre-release; empty when none. */
    public Optional<Release> latest() {
        return client.getIfExists(base + "/latest").map(Release::from);
    }

    /** POST /repos/{o}/{r}/releases; GitHub creates the tag from the default branch when it does not exist. */
    public Release create(String tag) {
        return Release.from(client.post(base, Map.of("tag_name", tag, "name", tag)));
    }

    /** GET /repos/{o}/{r}/releases/{id}/assets, every page. */
    public List<ReleaseAsset> assets(Release release) {
        List<ReleaseAsset> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode json = client.get(base + "/" + release.id() + "/assets?per_page=" + PAGE_SIZE + "&page=" + page);
            json.forEach(a -> all.add(ReleaseAsset.from(a)));
            if (json.size() < PAGE_SIZE) {
                return all;
            }
        }
    }

    /** POST {upload_url}?name=...: streams the file. */
    public ReleaseAsset upload(Release release, String name, Path file, String contentType) {
        URI target = URI.create(release.uploadBase() + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        return ReleaseAsset.from(client.upload(target, file, contentType));
    }

    /** An asset's bytes (at most {@code maxBytes}), through the API, so a private repository's assets are readable too. */
    public byte[] download(ReleaseAsset asset, long maxBytes) {
        return client.downloadAsset(base + "/assets/" + asset.id(), maxBytes);
    }

    /** PATCH /repos/{o}/{r}/releases/{id} {body}: the release notes. */
    public Release editBody(Release release, String body) {
        return Release.from(client.patch(base + "/" + release.id(), Map.of("body", body)));
    }

    /** DELETE /repos/{o}/{r}/releases/assets/{id}; false when it was already gone. */
    public boolean delete(ReleaseAsset asset) {
        return client.delete(base + "/assets/" + asset.id());
    }

    /** PATCH /repos/{o}/{r}/releases/assets/{id} {name}. */
    public ReleaseAsset rename(ReleaseAsset asset, String newName) {
        return ReleaseAsset.from(client.patch(base + "/assets/" + asset.id(), Map.of("name", newName)));
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
