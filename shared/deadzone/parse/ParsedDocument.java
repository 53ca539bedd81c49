package deadzone.parse;

import java.util.List;

/**
 * One fetched document as sections, plus what went wrong without failing it (for example an
 * include that could not be found), one readable line per problem.
 */
public record ParsedDocument(List<Section> sections, List<String> problems) {
    public ParsedDocument {
        sections = List.copyOf(sections);
        problems = List.copyOf(problems);
    }
}
