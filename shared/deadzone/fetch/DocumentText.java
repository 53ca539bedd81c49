package deadzone.fetch;

import deadzone.artifact.Kind;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a fetched document, or why there is none. Decoding is strict: a byte that is not
 * valid in the charset is reported with its offset instead of silently becoming U+FFFD, because
 * replaced text would be embedded and served as if it were the documentation.
 *
 * <p>Markdown, reStructuredText and Go source are UTF-8 (raw GitHub files); an HTML page where one of them
 * was expected (a {@code github.com/.../blob/...} url instead of a raw one) is refused. HTML honours
 * the charset of its Content-Type, then of a {@code <meta>} tag, else UTF-8. A UTF-8 BOM is dropped.
 *
 * @param text   the decoded text, or null
 * @param reason why there is no text, or null
 */
public record DocumentText(String text, String reason) {
    private static final Pattern CHARSET_PARAM = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");
    private static final Pattern META_CHARSET = Pattern.compile(
        "(?i)<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)");
    private static final int SNIFF_BYTES = 1024;

    public boolean isText() {
        return text != null;
    }

    static DocumentText ok(String text) {
        return new DocumentText(text, null);
    }

    static DocumentText problem(String reason) {
        return new DocumentText(null, reason);
    }

    /** Decodes the body of an {@link FetchResult.Outcome#OK} result fetched for an entry of {@code kind}. */
    public static DocumentText decode(FetchResult fetched, Kind kind) {
        requireOk(fetched);
        return switch (kind) {
            case GITHUB_MD -> rawText(fetched, "markdown");
            case GITHUB_RST -> rawText(fetched, "reStructuredText");
            case HTML, SCRAPE_VIA_AGENT -> html(fetched);
            // one file of a Go package (the Go spec says source is UTF-8)
            case GODOC -> rawText(fetched, "Go source");
        };
    }

    /** Decodes bytes kept from an earlier fetch of a document of {@code kind}: without headers, the bytes alone decide. */
    public static DocumentText decodeKept(byte[] body, Kind kind) {
        return decode(new FetchResult("", FetchResult.Outcome.OK, 200, body, null, null, null, null, 0), kind);
    }

    /**
     * Decodes a raw source file (a code include such as {@code docs_src/app.py}): strict UTF-8, and
     * an HTML page is refused unless the url itself names an HTML file.
     */
    public static DocumentText decodeRawFile(FetchResult fetched) {
        requireOk(fetched);
        String path = fetched.url().toLowerCase(Locale.ROOT).replaceAll("[?#].*$", "");
        if (path.endsWith(".html") || path.endsWith(".htm")) {
            return strict(fetched.body(), StandardCharsets.UTF_8);
        }
        return rawText(fetched, "a raw file");
    }

    private static DocumentText rawText(FetchResult fetched, String expected) {
        if (looksLikeHtml(fetched)) {
            return problem("got an HTML page where " + expected + " was expected (is the url a raw file url?)");
        }
        int nul = indexOf(fetched.body(), (byte) 0);
        if (nul >= 0) {
            return problem("binary content (a NUL byte at byte " + nul + ") where " + expected + " was expected");
        }
        return strict(fetched.body(), StandardCharsets.UTF_8);
    }

    private static DocumentText html(FetchResult fetched) {
        byte[] body = fetched.body();
        String name = charsetParam(fetched.contentType());
        if (name == null && !hasUtf8Bom(body)) {
            String head = new String(body, 0, Math.min(body.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
            Matcher m = META_CHARSET.matcher(head);
            name = m.find() ? m.group(1) : null;
        }
        Charset charset;
        try {
            charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return problem("unsupported charset " + name + " declared by the page");
        }
        return strict(body, charset);
    }

    private static DocumentText strict(byte[] body, Charset charset) {
        int start = charset.equals(StandardCharsets.UTF_8) && hasUtf8Bom(body) ? 3 : 0;
        CharsetDecoder decoder = charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L,
            (long) (body.length * (double) decoder.maxCharsPerByte()) + 16));
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            return problem("invalid " + displayName(charset) + " at byte " + in.position());
        }
        if (result.isOverflow()) {
            throw new IllegalStateException("decode buffer sized by maxCharsPerByte overflowed");
        }
        out.flip();
        return ok(out.toString());
    }

    /** Content-Type text/html or xhtml, or a body that opens like an HTML document. */
    static boolean looksLikeHtml(FetchResult fetched) {
        String type = fetched.contentType();
        if (type != null) {
            String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (media.equals("text/html") || media.equals("application/xhtml+xml")) {
                return true;
            }
        }
        byte[] body = fetched.body();
        int i = hasUtf8Bom(body) ? 3 : 0;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        String head = new String(body, i, Math.min(body.length - i, 32), StandardCharsets.ISO_8859_1)
            .toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    private static String charsetParam(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET_PARAM.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    private static String displayName(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : charset.name();
    }

    private static boolean hasUtf8Bom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static void requireOk(FetchResult fetched) {
        if (fetched.outcome() != FetchResult.Outcome.OK) {
            throw new IllegalArgumentException("only an OK fetch has a body to decode: " + fetched);
        }
    }
}
