package support;

import java.util.ArrayList;
import java.util.List;

/**
 * Markdown split before every heading outside fenced code: real doc sections for embedding
 * tests and benchmarks, without the parser (whose output is what they should not depend on).
 */
public final class MarkdownSections {
    private MarkdownSections() {
    }

    public static List<String> split(String markdown) {
        List<String> sections = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            if (!inFence && line.matches("#{1,6} .*") && !current.toString().isBlank()) {
                sections.add(current.toString().strip());
                current.setLength(0);
            }
            current.append(line).append('\n');
        }
        if (!current.toString().isBlank()) {
            sections.add(current.toString().strip());
        }
        return sections;
    }
}
