package deadzone.godoc;

import deadzone.util.HttpUrls;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a {@code kind: godoc} entry reads its package (docs/registry.md, "godoc urls"): a GitHub
 * Contents API directory listed at a ref, or a module zip on a Go module proxy. Either way the
 * stored documents are named after the package's page on pkg.go.dev at that version, so a reader
 * can open them: {@link #docsPage()} plus {@code #<anchor>} (GoDocument#anchor).
 */
public sealed interface GoPackageUrl permits GoPackageUrl.ContentsDirectory, GoPackageUrl.ProxyZip {
    String SHAPES = "a GitHub Contents API directory (…/repos/<owner>/<repo>/contents/<path>?ref=<ref>) "
        + "or a Go module proxy zip (…/<module>/@v/<version>.zip)";
    String GITHUB_RAW_HOST = "raw.githubusercontent.com";

    /** The url as the registry gives it, {@code {ref}} filled in. */
    String url();

    /** The package's import path ("archive/tar", "github.com/owner/repo/dir", a module path). */
    String importPath();

    /** The package's pkg.go.dev page at this version; a document's url is this page and its anchor. */
    String docsPage();

    /**
     * {@code GET <…>/repos/<owner>/<repo>/contents/<path>?ref=<ref>}: one request lists the
     * directory, each file then comes from its {@code download_url}. The Go repository's
     * {@code src/<pkg>} is the standard library package {@code <pkg>}; any other directory is
     * named {@code github.com/<owner>/<repo>/<path>}.
     */
    record ContentsDirectory(String url, String owner, String repo, String path, String ref) implements GoPackageUrl {
        @Override
        public String importPath() {
            if (owner.equals("golang") && repo.equals("go") && path.startsWith("src/")) {
                return path.substring("src/".length());
            }
            return "github.com/" + owner + "/" + repo + (path.isEmpty() ? "" : "/" + path);
        }

        @Override
        public String docsPage() {
            // pkg.go.dev takes tags and branch names after '@'; a ref it could not read is left out.
            return "https://pkg.go.dev/" + importPath() + (ref.matches("[A-Za-z0-9._+-]+") ? "@" + ref : "");
        }

        /**
         * Whether the listing may send the fetcher to {@code downloadUrl}: the listing's own scheme,
         * host and port, or GitHub's raw host over https. Never anywhere else, whatever the listing says.
         */
        public boolean allowsDownloadFrom(String downloadUrl) {
            URI listing;
            URI download;
            try {
                listing = new URI(url);
                download = new URI(downloadUrl);
            } catch (URISyntaxException e) {
                return false;
            }
            if (!HttpUrls.isHttp(download) || download.getRawUserInfo() != null) {
                return false;
            }
            if (HttpUrls.isHttps(download) && download.getHost().equalsIgnoreCase(GITHUB_RAW_HOST)
                && (download.getPort() == -1 || download.getPort() == 443)) {
                return true;
            }
            return listing.getScheme().equalsIgnoreCase(download.getScheme())
                && listing.getHost().equalsIgnoreCase(download.getHost()) && port(listing) == port(download);
        }

        private static int port(URI u) {
            return u.getPort() != -1 ? u.getPort() : HttpUrls.isHttps(u) ? 443 : 80;
        }
    }

    /**
     * {@code GET <proxy>/<module>/@v/<version>.zip}: the package at the module's root, verified
     * against the checksum database before it is read. The module path and version may be written
     * as they are or escaped as the go command escapes them ({@code !azure} for {@code Azure}).
     */
    record ProxyZip(String url, String proxy, String module, String version) implements GoPackageUrl {
        @Override
        public String importPath() {
            return module;
        }

        @Override
        public String docsPage() {
            return "https://pkg.go.dev/" + module + "@" + version;
        }

        /** The zip's url with the module path and version escaped, as the go command asks the proxy. */
        public String zipUrl() throws ModuleSourceException {
            return proxy + "/" + ModulePath.escapePath(module) + "/@v/" + ModulePath.escapeVersion(version) + ".zip";
        }
    }

    Pattern CONTENTS = Pattern.compile("^(?:.*/)?repos/([^/]+)/([^/]+)/contents(?:/(.*?))?/?$");
    Pattern PROXY = Pattern.compile("^/(.+)/@v/([^/]+)\\.zip$");
    /** Slash-separated elements of the characters an import path may hold, none of them "." or "..". */
    String IMPORT_PATH = "(?!.*(^|/)\\.{1,2}(/|$))[A-Za-z0-9_.~+-]+(/[A-Za-z0-9_.~+-]+)*";

    /**
     * The source {@code url} names; an {@link IllegalArgumentException} whose message says, in one
     * line, why it is neither shape (the registry prints it after the entry and field).
     */
    static GoPackageUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a valid url; a godoc url is " + SHAPES);
        }
        if (!HttpUrls.isHttp(uri) || uri.getPath() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an http(s) url; a godoc url is " + SHAPES);
        }
        String path = uri.getPath();
        Matcher proxy = PROXY.matcher(path);
        if (proxy.matches() && uri.getRawQuery() == null) {
            try {
                String module = ModulePath.natural(proxy.group(1));
                String version = ModulePath.natural(proxy.group(2));
                ModulePath.escapePath(module);
                ModulePath.escapeVersion(version);
                String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
                return new ProxyZip(url, origin, module, version);
            } catch (ModuleSourceException e) {
                throw new IllegalArgumentException("'" + url + "' is not a module proxy zip: " + e.getMessage());
            }
        }
        Matcher contents = CONTENTS.matcher(path);
        if (contents.matches()) {
            String ref = queryValue(uri.getRawQuery(), "ref");
            if (ref == null || ref.isBlank()) {
                throw new IllegalArgumentException("'" + url + "' lists a GitHub directory without ?ref=; pin it to a tag or commit "
                    + "(…/contents/<path>?ref={ref})");
            }
            String dir = contents.group(3) == null ? "" : contents.group(3);
            String repoPath = contents.group(1) + "/" + contents.group(2) + (dir.isEmpty() ? "" : "/" + dir);
            if (!repoPath.matches(IMPORT_PATH)) {
                throw new IllegalArgumentException("'" + url + "' names a directory that cannot be a Go import path ("
                    + repoPath + ")");
            }
            return new ContentsDirectory(url, contents.group(1), contents.group(2), dir, ref);
        }
        throw new IllegalArgumentException("'" + url + "' is not a godoc source; use " + SHAPES);
    }

    private static String queryValue(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
