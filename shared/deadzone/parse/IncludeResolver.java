package deadzone.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds an included file (a FastAPI {@code {* path *}} example, a pymdownx snippet, an rst
 * include) next to the page that includes it. The path is written for the docs build, which runs
 * from a folder we do not know (FastAPI's ../../docs_src is relative to docs/en/, snippets to the
 * repository root), so the path is tried against the page's folder, then, without its leading
 * ../ segments, against each folder further up: a bounded number of attempts, never above the
 * page's {@link IncludeBase}. Absolute urls, rooted paths and paths that climb above the base are
 * refused: they are not the docs build's files, and a hostile page could name any file with them.
 */
public final class IncludeResolver {
    /** Enough for docs/en/docs/tutorial/security/ pages; every attempt may be an HTTP request. */
    public static final int MAX_ATTEMPTS = 6;
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    /** An encoded '.', '/' or '\': a server may decode it into a segment that climbs. */
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("(?i)%(2e|2f|5c)");

    public record Found(String url, String content) {
    }

    /** An include path that names a file outside the page's base; the message says why. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * What one include came to: the file, or the failure ({@code include not found}, {@code include
     * not read}, {@code include refused}) with the problem line that reports it.
     */
    public record Lookup(Found found, String failure, String problem) {
        public boolean isFound() {
            return found != null;
        }

        /** The visible trace left in the text, so a reader knows something is missing. */
        public String note(String path) {
            return "> [" + failure + ": " + path + "]";
        }
    }

    private final IncludeSource source;
    private final IncludeBase base;

    public IncludeResolver(IncludeSource source, IncludeBase base) {
        this.source = source;
        this.base = base;
    }

    /** The first candidate that exists, or empty when none does; IOException when one could not be read. */
    public Optional<Found> resolve(String pageUrl, String includePath) throws IOException, Refused {
        for (String candidate : candidates(base, pageUrl, includePath)) {
            Optional<String> content = source.fetch(candidate);
            if (content.isPresent()) {
                return Optional.of(new Found(candidate, content.get()));
            }
        }
        return Optional.empty();
    }

    /** {@link #resolve}, with every way it can fail turned into a problem line; never throws. */
    public Lookup lookup(String pageUrl, String includePath) {
        String where = includePath + " in " + pageUrl;
        try {
            Optional<Found> found = resolve(pageUrl, includePath);
            if (found.isPresent()) {
                return new Lookup(found.get(), null, null);
            }
            int tried = candidates(base, pageUrl, includePath).size();
            return new Lookup(null, "include not found", "include not found: " + where + " (tried " + tried
                + " locations up from the page's folder to " + base + ")");
        } catch (Refused e) {
            return new Lookup(null, "include refused", "include refused: " + where + ": " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return new Lookup(null, "include not read", "include not read: " + where + ": " + e.getMessage());
        }
    }

    /** The urls tried for an include, nearest first, at most {@link #MAX_ATTEMPTS}, all under {@code base}. */
    public static List<String> candidates(IncludeBase base, String pageUrl, String includePath) throws Refused {
        String path = includePath.strip();
        if (SCHEME.matcher(path).find()) {
            throw new Refused("an absolute url; includes are read only under the page's own " + base);
        }
        if (path.startsWith("/") || path.startsWith("\\")) {
            throw new Refused("a path from the root of the site; includes are relative to the page, under " + base);
        }
        if (path.contains("\\") || ENCODED_SEPARATOR.matcher(path).find()) {
            throw new Refused("a backslash or an encoded '.', '/' or '\\' in the path");
        }
        if (!base.contains(pageUrl)) {
            throw new Refused("the page is not under " + base);
        }
        // "a/../../docs_src/x.py" -> one folder up, then "docs_src/x.py" there and above
        List<String> rest = new ArrayList<>();
        int up = 0;
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (rest.isEmpty()) {
                    up++;
                } else {
                    rest.remove(rest.size() - 1);
                }
            } else {
                rest.add(segment);
            }
        }
        if (rest.isEmpty()) {
            throw new Refused("not a file path");
        }
        String below = pageUrl.substring((base.origin() + base.root()).length()).replaceFirst("[?#].*$", "");
        List<String> folder = new ArrayList<>(List.of(below.split("/", -1)));
        folder.remove(folder.size() - 1); // the page's own file name
        folder.removeIf(String::isEmpty);
        if (up > folder.size()) {
            throw new Refused("climbs above " + base + ", the root of the page's ref");
        }
        List<String> dir = folder.subList(0, folder.size() - up);
        String file = String.join("/", rest);
        List<String> urls = new ArrayList<>();
        for (int depth = dir.size(); depth >= 0 && urls.size() < MAX_ATTEMPTS; depth--) {
            String prefix = depth == 0 ? "" : String.join("/", dir.subList(0, depth)) + "/";
            urls.add(base.origin() + base.root() + prefix + file);
        }
        return urls;
    }
}
