package deadzone.eval;

import deadzone.search.Hit;

/**
 * One section a query should find, with its grade: 3 the answer, 2 also answers it (a second
 * source), 1 related (it points to the answer; counted by nDCG only). {@code url} is a path suffix of the page (the host and port of the server it
 * was scraped from do not matter); {@code heading} one heading of that page, matched by the
 * sections inside it and by a chunk that holds it as a merged small section; {@code title} a
 * document title (Go API documents are named {@code pkg.Name}); {@code version} set when only
 * that version's text answers.
 */
public record Relevant(String libId, String version, String url, String heading, String title, int grade) {

    public boolean matches(Hit hit) {
        if (!libId.equals(hit.libId())) {
            return false;
        }
        if (version != null && !version.equals(hit.version()) && !hit.alsoInVersions().contains(version)) {
            return false;
        }
        if (url != null && !hit.url().equals(url) && !hit.url().endsWith("/" + url)) {
            return false;
        }
        if (title != null && !title.equals(hit.title())) {
            return false;
        }
        return heading == null || inHeadingPath(hit.headingPath()) || holdsHeading(hit.content());
    }

    private boolean inHeadingPath(String path) {
        for (String h : path.split(" > ")) {
            if (h.equals(heading)) {
                return true;
            }
        }
        return false;
    }

    /** A small section merged into its neighbour's chunk keeps its heading as a markdown heading line. */
    private boolean holdsHeading(String content) {
        for (String line : content.split("\n")) {
            if (line.startsWith("#") && line.replaceFirst("^#+\\s*", "").strip().equals(heading)) {
                return true;
            }
        }
        return false;
    }

    /** How a person reads it in a report: the page and heading (or title), with the version if any. */
    public String label() {
        StringBuilder s = new StringBuilder(libId);
        if (version != null) {
            s.append(' ').append(version);
        }
        if (url != null) {
            s.append(' ').append(url);
        }
        if (title != null) {
            s.append(' ').append(title);
        }
        if (heading != null) {
            s.append(" > ").append(heading);
        }
        return s.toString();
    }
}
