package deadzone.github;

import deadzone.log.Log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The GitHub repository of the {@code origin} remote of a local clone, when there is one. */
public final class OriginRemote {
    private OriginRemote() {
    }

    public static Optional<GitHubRepo> repository(Path workDir) {
        ProcessBuilder git = new ProcessBuilder("git", "remote", "get-url", "origin")
            .directory(workDir.toAbsolutePath().toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = git.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                p.destroy();
                return Optional.empty();
            }
            Optional<GitHubRepo> repo = GitHubRepo.fromRemoteUrl(out);
            if (repo.isEmpty()) {
                // The remote may embed credentials (https://user:token@host/...): never log it.
                Log.debug("repo_origin_not_github");
            }
            return repo;
        } catch (IOException e) {
            return Optional.empty(); // no git on PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
