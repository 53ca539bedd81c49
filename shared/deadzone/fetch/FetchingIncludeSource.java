package deadzone.fetch;

import deadzone.parse.IncludeSource;

import java.io.IOException;
import java.util.Optional;

/**
 * Code includes ({@code {* ../../docs_src/x.py *}}, {@code --8<-- "path"}) read through the
 * {@link Fetcher}, with its retries and GitHub token rules: 404/410 is "not here, keep walking up",
 * anything else that is not text is an IOException carrying the fetcher's reason.
 * Wrap it with {@link IncludeSource#cached} to fetch each file once per run.
 */
public final class FetchingIncludeSource implements IncludeSource {
    private final Fetcher fetcher;

    public FetchingIncludeSource(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public Optional<String> fetch(String url) throws IOException {
        FetchResult fetched;
        try {
            fetched = fetcher.fetch(url);
        } catch (IllegalArgumentException malformed) {
            throw new IOException(malformed.getMessage(), malformed);
        }
        switch (fetched.outcome()) {
            case MISSING:
                return Optional.empty();
            case OK:
                DocumentText text = DocumentText.decodeRawFile(fetched);
                if (!text.isText()) {
                    throw new IOException(text.reason());
                }
                return Optional.of(text.text());
            default:
                throw new IOException(fetched.reason());
        }
    }
}
