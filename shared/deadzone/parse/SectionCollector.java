package deadzone.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a stream of headings and body text, in document order, into sections. Every parser
 * feeds one of these, so heading paths and the handling of empty sections are the same for
 * every kind. Text before the first heading is a section titled with the document's name.
 */
final class SectionCollector {
    private record Open(int level, String title) {
    }

    private final String url;
    private final OutputBudget budget;
    private final Deque<Open> path = new ArrayDeque<>();
    private final List<Section> sections = new ArrayList<>();
    private String title;
    private List<String> headingPath;
    private StringBuilder text = new StringBuilder();

    SectionCollector(String url, OutputBudget budget) {
        this.url = url;
        this.budget = budget;
        this.title = DocumentNames.fromUrl(url);
        this.headingPath = List.of(title);
    }

    /** Closes the current section and opens one under the nearest shallower heading. */
    void heading(int level, String headingTitle) {
        close();
        while (!path.isEmpty() && path.peekLast().level() >= level) {
            path.removeLast();
        }
        path.addLast(new Open(level, headingTitle));
        title = headingTitle;
        headingPath = path.stream().map(Open::title).toList();
    }

    /** One line of body text, as is. */
    void line(String line) {
        budget.spend(line.length() + 1);
        text.append(line).append('\n');
    }

    /** A block of body text (paragraph, list, code block), kept apart from the previous one by a blank line. */
    void block(String block) {
        if (block.isBlank()) {
            return;
        }
        budget.spend(block.length() + 2);
        int length = text.length();
        if (length > 0) {
            boolean endsWithBlankLine = length >= 2 && text.charAt(length - 1) == '\n' && text.charAt(length - 2) == '\n';
            if (!endsWithBlankLine) {
                text.append(text.charAt(length - 1) == '\n' ? "\n" : "\n\n");
            }
        }
        text.append(block.stripTrailing()).append('\n');
    }

    List<Section> finish() {
        close();
        List<Section> kept = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            // A heading with no text of its own survives in its subsections' heading paths;
            // an empty leaf stays, so that its title is not lost.
            boolean drop = s.text().isEmpty() && i + 1 < sections.size() && extendsPath(sections.get(i + 1), s);
            if (!drop) {
                kept.add(s);
            }
        }
        return kept;
    }

    private static boolean extendsPath(Section child, Section parent) {
        List<String> c = child.headingPath();
        List<String> p = parent.headingPath();
        return c.size() > p.size() && c.subList(0, p.size()).equals(p);
    }

    private void close() {
        String body = BlankLines.trim(text.toString());
        text = new StringBuilder();
        boolean preamble = path.isEmpty();
        if (preamble && body.isEmpty()) {
            return;
        }
        sections.add(new Section(url, title, headingPath, body));
    }
}
