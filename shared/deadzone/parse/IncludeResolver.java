package deadzone.parse;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds an included file (a FastAPI {@code {* path *}} example or a pymdownx snippet) next to the
 * page that includes it. The path is written for the docs build, which runs from a folder we do
 * not know (FastAPI's ../../docs_src is relative to docs/en/, snippets to the repository root),
 * so the path is tried against the page's folder, then, without its leading ../ segments, against
 * each folder further up: the same ref, a bounded number of attempts.
 */
public final class IncludeResolver {
    /** Enough for docs/en/docs/tutorial/security/ pages; every attempt may be an HTTP request. */
    public static final int MAX_ATTEMPTS = 6;

    public record Found(String url, String content) {
    }

    private final IncludeSource source;

    public IncludeResolver(IncludeSource source) {
        this.source = source;
    }

    /** The first candidate that exists, or empty when none does; IOException when one could not be read. */
    public Optional<Found> resolve(String pageUrl, String includePath) throws IOException {
        for (String candidate : candidates(pageUrl, includePath)) {
            Optional<String> content = source.fetch(candidate);
            if (content.isPresent()) {
                return Optional.of(new Found(candidate, content.get()));
            }
        }
        return Optional.empty();
    }

    /** The urls tried for an include, nearest first, at most {@link #MAX_ATTEMPTS}. */
    public static List<String> candidates(String pageUrl, String includePath) {
        String path = includePath.strip();
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return List.of(path);
        }
        URI page = URI.create(pageUrl);
        String origin = page.getScheme() + "://" + page.getRawAuthority();
        String pagePath = page.getRawPath() == null || page.getRawPath().isEmpty() ? "/" : page.getRawPath();
        String folder = pagePath.substring(0, pagePath.lastIndexOf('/') + 1);

        // "../../docs_src/x.py" -> start two folders up, then look for "docs_src/x.py" there and above
        String rest = path;
        String start = folder;
        if (rest.startsWith("/")) {
            rest = rest.replaceFirst("^/+", "");
        }
        while (true) {
            if (rest.startsWith("./")) {
                rest = rest.substring(2);
            } else if (rest.startsWith("../")) {
                rest = rest.substring(3);
                start = Objects.requireNonNullElse(parent(start), "/");
            } else {
                break;
            }
        }
        Set<String> urls = new LinkedHashSet<>();
        for (String dir = start; dir != null && urls.size() < MAX_ATTEMPTS; dir = parent(dir)) {
            urls.add(origin + dir + rest);
        }
        return new ArrayList<>(urls);
    }

    /** "/a/b/" -> "/a/"; the root has none. */
    private static String parent(String dir) {
        if (dir.equals("/") || dir.isEmpty()) {
            return dir.equals("/") ? null : "/";
        }
        String trimmed = dir.substring(0, dir.length() - 1);
        return trimmed.substring(0, trimmed.lastIndexOf('/') + 1);
    }
}
