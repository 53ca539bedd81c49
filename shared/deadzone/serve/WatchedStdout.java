package deadzone.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The process's real stdout, shared by the SDK's transport and {@link StdioGuard}: both write
 * whole lines while holding this object's lock (the SDK synchronises on the stream it is given),
 * and each finished line is shown to a listener, which learns which requests have been answered.
 */
final class WatchedStdout extends OutputStream {
    private final OutputStream out;
    private final Consumer<String> onLine;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    WatchedStdout(OutputStream out, Consumer<String> onLine) {
        this.out = out;
        this.onLine = onLine;
    }

    /** One whole line, then a flush: what the guard writes itself. */
    synchronized void writeLine(String text) throws IOException {
        write((text + "\n").getBytes(StandardCharsets.UTF_8));
        flush();
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                onLine.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
                start = i + 1;
            }
        }
        line.write(bytes, start, offset + length - start);
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }
}
