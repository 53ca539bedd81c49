package deadzone.godoc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A zip archive held in memory, read through its central directory as Go's archive/zip reads it
 * (so the entries hashed are the entries the go command hashed), with every size checked against
 * the buffer and every entry's CRC checked after inflating. Stored and deflated entries only; no
 * encryption, no multi-disk or zip64 archives (module zips need neither).
 */
final class ZipReader {
    /** One entry of the central directory; {@code dataOffset} is where its (compressed) bytes start. */
    record Entry(String name, int method, long compressedSize, long size, long crc, long dataOffset) {
    }

    /** Receives an entry's content in pieces. */
    interface Sink {
        void accept(byte[] buffer, int length) throws ModuleSourceException;
    }

    private static final int EOCD = 0x06054b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;

    private final byte[] zip;

    ZipReader(byte[] zip) {
        this.zip = zip;
    }

    List<Entry> entries(int maxEntries) throws ModuleSourceException {
        int eocd = findEndOfCentralDirectory();
        if (eocd >= 20 && u32(eocd - 20) == ZIP64_LOCATOR) {
            throw refused("it is a zip64 archive, which module zips never need");
        }
        if (u16(eocd + 4) != 0 || u16(eocd + 6) != 0 || u16(eocd + 8) != u16(eocd + 10)) {
            throw refused("it spans several disks");
        }
        int count = u16(eocd + 10);
        long size = u32(eocd + 12);
        long offset = u32(eocd + 16);
        if (count > maxEntries) {
            throw refused("it has " + count + " entries, more than the limit of " + maxEntries);
        }
        if (offset + size > eocd) {
            throw refused("its central directory lies outside the archive");
        }
        List<Entry> entries = new ArrayList<>(count);
        int p = (int) offset;
        for (int k = 0; k < count; k++) {
            if (p + 46 > eocd || u32(p) != CENTRAL) {
                throw refused("its central directory is damaged at entry " + (k + 1));
            }
            int flags = u16(p + 8);
            int method = u16(p + 10);
            long crc = u32(p + 16);
            long compressed = u32(p + 20);
            long uncompressed = u32(p + 24);
            int nameLength = u16(p + 28);
            int extraLength = u16(p + 30);
            int commentLength = u16(p + 32);
            long local = u32(p + 42);
            if (p + 46L + nameLength + extraLength + commentLength > eocd) {
                throw refused("its central directory is damaged at entry " + (k + 1));
            }
            String name = new String(zip, p + 46, nameLength, StandardCharsets.UTF_8);
            if ((flags & 1) != 0) {
                throw refused("entry " + printable(name) + " is encrypted");
            }
            if (method != 0 && method != 8) {
                throw refused("entry " + printable(name) + " uses compression method " + method + " (only stored and deflated are read)");
            }
            entries.add(new Entry(name, method, compressed, uncompressed, crc, dataOffset(local, name, nameLength, compressed)));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    private long dataOffset(long local, String name, int nameLength, long compressed) throws ModuleSourceException {
        if (local + 30 > zip.length || u32((int) local) != LOCAL) {
            throw refused("entry " + printable(name) + " has no local header where the central directory says");
        }
        int l = (int) local;
        int localNameLength = u16(l + 26);
        int localExtraLength = u16(l + 28);
        long data = local + 30 + localNameLength + localExtraLength;
        if (data + compressed > zip.length) {
            throw refused("entry " + printable(name) + " runs past the end of the archive");
        }
        if (localNameLength != nameLength || !new String(zip, l + 30, localNameLength, StandardCharsets.UTF_8).equals(name)) {
            throw refused("entry " + printable(name) + " has a different name in its local header");
        }
        return data;
    }

    /** Streams an entry's content to {@code sink}, refusing more than {@code limit} bytes or a content that is not the one recorded. */
    void read(Entry e, long limit, Sink sink) throws ModuleSourceException {
        if (e.size() > limit) {
            throw refused("entry " + printable(e.name()) + " is " + e.size() + " bytes, over the limit of " + limit);
        }
        CRC32 crc = new CRC32();
        long total = 0;
        if (e.method() == 0) {
            if (e.compressedSize() != e.size()) {
                throw refused("stored entry " + printable(e.name()) + " has two different sizes");
            }
            byte[] buffer = new byte[(int) Math.min(65536, Math.max(1, e.size()))];
            for (long done = 0; done < e.size(); ) {
                int n = (int) Math.min(buffer.length, e.size() - done);
                System.arraycopy(zip, (int) (e.dataOffset() + done), buffer, 0, n);
                crc.update(buffer, 0, n);
                sink.accept(buffer, n);
                done += n;
            }
            total = e.size();
        } else {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(zip, (int) e.dataOffset(), (int) e.compressedSize());
                byte[] buffer = new byte[65536];
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw refused("entry " + printable(e.name()) + " is truncated");
                    }
                    total += n;
                    if (total > e.size()) {
                        throw refused("entry " + printable(e.name()) + " inflates to more than its recorded " + e.size() + " bytes");
                    }
                    crc.update(buffer, 0, n);
                    sink.accept(buffer, n);
                }
            } catch (DataFormatException ex) {
                throw refused("entry " + printable(e.name()) + " is not valid deflate data");
            } finally {
                inflater.end();
            }
        }
        if (total != e.size() || crc.getValue() != e.crc()) {
            throw refused("entry " + printable(e.name()) + " does not match its recorded size and checksum");
        }
    }

    private int findEndOfCentralDirectory() throws ModuleSourceException {
        int lowest = Math.max(0, zip.length - 22 - 65535);
        for (int p = zip.length - 22; p >= lowest; p--) {
            if (u32(p) == EOCD && p + 22 + u16(p + 20) == zip.length) {
                return p;
            }
        }
        throw refused("it is not a zip archive (no end of central directory)");
    }

    private int u16(int p) {
        return (zip[p] & 0xff) | (zip[p + 1] & 0xff) << 8;
    }

    private long u32(int p) {
        return (zip[p] & 0xffL) | (zip[p + 1] & 0xffL) << 8 | (zip[p + 2] & 0xffL) << 16 | (zip[p + 3] & 0xffL) << 24;
    }

    static String printable(String name) {
        StringBuilder b = new StringBuilder("\"");
        name.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append(name.length() > 200 ? "...\"" : "\"").toString();
    }

    private static ModuleSourceException refused(String why) {
        return new ModuleSourceException("module zip refused: " + why);
    }
}
