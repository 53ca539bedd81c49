package deadzone.util;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of a file a user wrote (a registry, a query set): the text, or where its
 * first byte that is not UTF-8 is, so the message can point at it instead of the decoder's
 * exception. A UTF-8 byte order mark is dropped.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** The first bytes that are not UTF-8: their offset from the start of the file and their line (1-based). */
    public static final class Invalid extends Exception {
        private final long offset;
        private final long line;

        Invalid(long offset, long line) {
            super("byte " + offset + " (line " + line + ") is not UTF-8");
            this.offset = offset;
            this.line = line;
        }

        public long offset() {
            return offset;
        }

        public long line() {
            return line;
        }
    }

    public static String decode(byte[] bytes) throws Invalid {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            long line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new Invalid(offset, line);
        }
        return out.flip().toString();
    }
}
