package deadzone.parse;

import java.io.IOException;
import java.util.Optional;

/**
 * Where code includes are read from: the fetching layer in a run, a folder or a map in tests.
 * An empty result means the url does not exist (404/410); an IOException means it could not be
 * read for another reason, which the parser reports rather than treating as "not there".
 */
public interface IncludeSource {
    Optional<String> fetch(String url) throws IOException;

    /** The same source with a per-run memory of every url's content or absence. */
    static IncludeSource cached(IncludeSource source) {
        return source instanceof CachingIncludeSource ? source : new CachingIncludeSource(source);
    }
}
