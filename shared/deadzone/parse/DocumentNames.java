package deadzone.parse;

import java.net.URI;

/** The name a document goes by when its text has no heading of its own: from its url. */
final class DocumentNames {
    private DocumentNames() {
    }

    /**
     * The file name without extension ("body" for .../tutorial/body.md); for index and README
     * pages the folder's name, which says more ("tutorial" for .../tutorial/index.md).
     */
    static String fromUrl(String url) {
        String path;
        String host;
        try {
            URI uri = URI.create(url);
            path = uri.getPath() == null ? "" : uri.getPath();
            host = uri.getHost() == null ? "" : uri.getHost();
        } catch (IllegalArgumentException e) {
            path = url;
            host = "";
        }
        String[] segments = path.split("/");
        int last = segments.length - 1;
        while (last >= 0 && segments[last].isBlank()) {
            last--;
        }
        if (last < 0) {
            return host.isEmpty() ? url : host;
        }
        String name = stripExtension(segments[last]);
        if ((name.equalsIgnoreCase("index") || name.equalsIgnoreCase("readme")) && last > 0
            && !segments[last - 1].isBlank()) {
            return segments[last - 1];
        }
        return name;
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
