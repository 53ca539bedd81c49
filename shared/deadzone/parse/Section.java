package deadzone.parse;

import java.util.List;

/**
 * A piece of a document between two headings. {@code headingPath} is the chain of headings
 * that leads to it (H1, H2, H3...), {@code title} the last of them (or the document's name),
 * {@code text} the section's body as markdown: paragraphs, lists and fenced code blocks.
 */
public record Section(String url, String title, List<String> headingPath, String text) {
    /** "H1 > H2 > H3", as stored in docs.heading_path. */
    public String headingPathText() {
        return HeadingPath.join(headingPath);
    }
}
