//DEPS com.github.luben:zstd-jni:1.5.7-28
//DEPS org.apache.commons:commons-compress:1.28.0
package support;

import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds zstd-compressed PAX tars entry by entry, including ones the toolkit would never make
 * ({@code ../x}, absolute names, links pointing out), to test what the restorer refuses.
 */
public final class CacheArchives {
    private final List<TarArchiveEntry> entries = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    /** Sub-second, in the 100 ns steps PAX headers written by commons-compress carry. */
    public static final FileTime MTIME = FileTime.from(Instant.parse("2026-03-01T12:34:56.1234567Z"));

    public CacheArchives dir(String name, int mode) {
        TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
        e.setMode(040000 | mode);
        return add(e, new byte[0]);
    }

    public CacheArchives file(String name, String text, int mode) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
        e.setMode(0100000 | mode);
        e.setSize(bytes.length);
        return add(e, bytes);
    }

    public CacheArchives symlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        e.setMode(0120777);
        return add(e, new byte[0]);
    }

    public CacheArchives hardlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        e.setMode(0100644);
        return add(e, new byte[0]);
    }

    /**
     * Writes an archive holding one file of {@code size} zero bytes at {@code name}, streamed: a few
     * kilobytes that expand to gigabytes, what a hostile cache entry can hold.
     */
    public static void writeZeros(Path archive, String folder, String name, long size) {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdOutputStream(Files.newOutputStream(archive)))) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            TarArchiveEntry dir = entry(folder + "/", TarConstants.LF_DIR);
            dir.setMode(040755);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            TarArchiveEntry file = entry(name, TarConstants.LF_NORMAL);
            file.setMode(0100644);
            file.setSize(size);
            tar.putArchiveEntry(file);
            byte[] zeros = new byte[1 << 20];
            for (long left = size; left > 0; left -= zeros.length) {
                tar.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] build() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (int i = 0; i < entries.size(); i++) {
                tar.putArchiveEntry(entries.get(i));
                tar.write(contents.get(i));
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static TarArchiveEntry entry(String name, byte type) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true); // true: keep a leading '/' as given
        e.setModTime(MTIME);
        return e;
    }

    private CacheArchives add(TarArchiveEntry e, byte[] content) {
        entries.add(e);
        contents.add(content);
        return this;
    }
}
