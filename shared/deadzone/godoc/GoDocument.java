package deadzone.godoc;

import deadzone.parse.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * One document of a package's API: {@code <pkg> package}, {@code <pkg>.<Name>} for a function or a
 * type, {@code <pkg>.<First> ...} for a const/var group. {@code files} are the source files it was
 * read from. Its parts are its sections in order: the first part's heading path is the title alone;
 * a type's constructors and methods are parts of their own ({@code <pkg>.<Type> > Methods > <Name>}),
 * as are headings of doc comments. Declarations and signatures are fenced go blocks, so a chunker
 * never cuts through one.
 */
public record GoDocument(String title, List<String> files, List<Part> parts) {
    /** A section's heading path and its markdown text. */
    public record Part(List<String> headingPath, String text) {
        public Part {
            headingPath = List.copyOf(headingPath);
        }
    }

    public GoDocument {
        files = List.copyOf(files);
        parts = List.copyOf(parts);
    }

    /**
     * The name pkg.go.dev gives this document's anchor ({@code https://pkg.go.dev/<import path>#<anchor>}):
     * the identifier ("Header", "TypeReg" for a group), or {@link PackageOverview#ANCHOR} for the package document.
     */
    public String anchor() {
        if (title.endsWith(" package")) {
            return PackageOverview.ANCHOR;
        }
        String name = title.substring(title.indexOf('.') + 1);
        return name.endsWith(" ...") ? name.substring(0, name.length() - 4) : name;
    }

    /** The document as markdown: each part under its headings (the title is the level-1 heading). */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        List<String> previous = List.of();
        for (int k = 0; k < parts.size(); k++) {
            List<String> path = parts.get(k).headingPath();
            int common = 0;
            while (common < previous.size() && common < path.size() && previous.get(common).equals(path.get(common))) {
                common++;
            }
            if (k > 0) {
                common = Math.min(common, path.size() - 1); // a part always opens with its own heading
            }
            for (int level = common; level < path.size(); level++) {
                out.append("#".repeat(level + 1)).append(' ').append(path.get(level)).append("\n\n");
            }
            if (!parts.get(k).text().isBlank()) {
                out.append(parts.get(k).text()).append("\n\n");
            }
            previous = path;
        }
        return out.toString().stripTrailing() + "\n";
    }

    /**
     * The sections a markdown parser would make of {@link #markdown()}: one per part, except a part
     * with no text whose next part lies under it (its heading lives on in that part's path).
     */
    public List<Section> sections(String url) {
        List<Section> out = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            Part p = parts.get(k);
            boolean emptyParent = p.text().isBlank() && k + 1 < parts.size() && extendsPath(parts.get(k + 1).headingPath(), p.headingPath());
            if (!emptyParent) {
                List<String> path = p.headingPath();
                out.add(new Section(url, path.get(path.size() - 1), path, p.text().strip().isEmpty() ? "" : p.text()));
            }
        }
        return out;
    }

    private static boolean extendsPath(List<String> child, List<String> parent) {
        return child.size() > parent.size() && child.subList(0, parent.size()).equals(parent);
    }
}
