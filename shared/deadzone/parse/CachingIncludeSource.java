package deadzone.parse;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers each url's content or absence, so a file included by many pages (FastAPI reuses its
 * docs_src examples across pages and versions) is fetched once per run. Errors are not
 * remembered: a transient failure may succeed on the next page.
 */
final class CachingIncludeSource implements IncludeSource {
    private final IncludeSource source;
    private final ConcurrentMap<String, Optional<String>> known = new ConcurrentHashMap<>();

    CachingIncludeSource(IncludeSource source) {
        this.source = source;
    }

    @Override
    public Optional<String> fetch(String url) throws IOException {
        Optional<String> cached = known.get(url);
        if (cached != null) {
            return cached;
        }
        Optional<String> fetched = source.fetch(url);
        known.putIfAbsent(url, fetched);
        return fetched;
    }
}
