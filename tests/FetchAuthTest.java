//SOURCES ../shared/deadzone/fetch/FetchSettings.java ../shared/deadzone/fetch/GitHubAuth.java
//SOURCES ../shared/deadzone/util/HttpUrls.java

import deadzone.fetch.FetchSettings;
import deadzone.fetch.GitHubAuth;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which hosts may see GITHUB_TOKEN, decided without resolving any name. */
class FetchAuthTest {
    private static final String TOKEN = "ghp_exampleToken0123456789";

    private static Optional<String> auth(String url) {
        return GitHubAuth.authorizationFor(URI.create(url), TOKEN);
    }

    @Test
    void githubHostsOverHttpsGetTheBearerToken() {
        for (String url : new String[] {
            "https://github.com/owner/repo/raw/main/README.md",
            "https://api.github.com/repos/owner/repo/releases",
            "https://raw.githubusercontent.com/owner/repo/v1/docs/a.md",
            "https://RAW.GitHubUserContent.com/owner/repo/v1/a.md",
            "https://github.com./owner/repo"}) {
            assertEquals(Optional.of("Bearer " + TOKEN), auth(url), url);
        }
    }

    @Test
    void everyOtherHostGetsNothing() {
        for (String url : new String[] {
            "http://raw.githubusercontent.com/owner/repo/v1/a.md",   // clear text
            "https://127.0.0.1:8080/raw/a.md",
            "https://docs.python.org/3/",
            "https://github.io/",
            "https://owner.github.io/project/",
            "https://evilgithub.com/x",
            "https://github.com.evil.example/x",
            "https://githubusercontent.com/x",
            // signed-url storage hosts that GitHub redirects to: they must never see the token
            "https://objects.githubusercontent.com/github-production-release-asset/1",
            "https://release-assets.githubusercontent.com/github-production-release-asset/1",
            "https://media.githubusercontent.com/media/owner/repo/main/big.bin",
            "https://raw.githubusercontent.com.evil.example/x",
            "https://gist.github.com/x",
            "https://codeload.github.com/owner/repo/tar.gz/main"}) {
            assertEquals(Optional.empty(), auth(url), url);
        }
    }

    /** A url another host named (a redirect, or an include of a page there) never gets the token. */
    @Test
    void theTokenFollowsTheWholeChainNotJustTheLastHop() {
        URI docs = URI.create("http://docs.example/guide/page.md");
        URI plainGitHub = URI.create("http://raw.githubusercontent.com/o/r/main/a.md");
        URI raw = URI.create("https://raw.githubusercontent.com/o/r/main/secret.md");
        URI blob = URI.create("https://github.com/o/r/raw/main/a.md");
        assertEquals(Optional.empty(), GitHubAuth.authorizationFor(List.of(docs, raw), TOKEN), "named by a docs site");
        assertEquals(Optional.empty(), GitHubAuth.authorizationFor(List.of(plainGitHub, raw), TOKEN), "named over plain http");
        assertEquals(Optional.empty(), GitHubAuth.authorizationFor(List.of(blob, docs, raw), TOKEN), "through another host");
        assertEquals(Optional.of("Bearer " + TOKEN), GitHubAuth.authorizationFor(List.of(blob, raw), TOKEN), "GitHub to GitHub");
        assertEquals(Optional.of("Bearer " + TOKEN), GitHubAuth.authorizationFor(List.of(raw), TOKEN));
        assertEquals(Optional.empty(), GitHubAuth.authorizationFor(List.of(), TOKEN));
    }

    @Test
    void noTokenNoHeader() {
        assertEquals(Optional.empty(), GitHubAuth.authorizationFor(URI.create("https://github.com/x"), null));
        assertEquals(Optional.empty(), GitHubAuth.authorizationFor(URI.create("https://github.com/x"), "  "));
    }

    @Test
    void settingsNeverPrintTheToken() {
        FetchSettings s = FetchSettings.defaults().withGithubToken(TOKEN);
        assertTrue(s.hasGithubToken());
        assertFalse(s.toString().contains(TOKEN), s.toString());
        assertFalse(FetchSettings.defaults().withGithubToken(" ").hasGithubToken(), "a blank token is no token");
    }
}
