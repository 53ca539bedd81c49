package support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Go modules made by a test: module zips as the proxy serves them, their h1 hash computed from its
 * definition (not by the code under test), and a checksum database of the test's own signing key.
 */
public final class GoModules {
    private GoModules() {
    }

    /** A module zip as the proxy serves it, deflated (with data descriptors, as ZipOutputStream writes them). */
    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The same entries stored uncompressed, so that a test can change content bytes in place. */
    public static byte[] storedZip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * h1, computed here from its definition: "sha256sum $(find . -type f | sort) | sha256sum",
     * names sorted as bytes, each line "<hex>  <name>\n", the summary's SHA-256 in base64.
     */
    public static String independentH1(Map<String, byte[]> files) throws GeneralSecurityException {
        List<String> names = new ArrayList<>(files.keySet());
        names.sort((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));
        StringBuilder summary = new StringBuilder();
        for (String name : names) {
            summary.append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(files.get(name))))
                .append("  ").append(name).append('\n');
        }
        return "h1:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(utf8(summary.toString())));
    }

    /** A signer key made for the test, and its verifier key in the note format. */
    public record TestKey(String name, KeyPair pair, int hash, String verifierKey) {
        public static TestKey create(String name) throws GeneralSecurityException {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] key = new byte[33];
            key[0] = 1; // Ed25519
            System.arraycopy(spki, spki.length - 32, key, 1, 32);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(utf8(name + "\n"));
            byte[] sum = sha.digest(key);
            int hash = (sum[0] & 0xff) << 24 | (sum[1] & 0xff) << 16 | (sum[2] & 0xff) << 8 | sum[3] & 0xff;
            return new TestKey(name, pair, hash, name + "+" + String.format("%08x", hash) + "+" + Base64.getEncoder().encodeToString(key));
        }

        public String sign(String text) throws GeneralSecurityException {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(utf8(text));
            byte[] sig = s.sign();
            byte[] withHash = new byte[4 + sig.length];
            withHash[0] = (byte) (hash >>> 24);
            withHash[1] = (byte) (hash >>> 16);
            withHash[2] = (byte) (hash >>> 8);
            withHash[3] = (byte) hash;
            System.arraycopy(sig, 0, withHash, 4, sig.length);
            return text + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(withHash) + "\n";
        }
    }

    /** A signed tree head's text (of {@code size} records) for {@link TestKey#sign}. */
    public static String tree(long size) {
        return "go.sum database tree\n" + size + "\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";
    }

    /** A checksum database lookup answer: record {@code id}, the module's zip and go.mod hashes, then {@code note}. */
    public static String answer(long id, String module, String version, String h1, String note) {
        return id + "\n" + module + " " + version + " " + h1 + "\n" + module + " " + version + "/go.mod h1:"
            + Base64.getEncoder().encodeToString(new byte[32]) + "\n\n" + note;
    }
}
