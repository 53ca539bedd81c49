package deadzone.godoc;

import deadzone.util.Hashes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed-note verifier key (golang.org/x/mod/sumdb/note): {@code <name>+<hash>+<key>}, where
 * the key is base64 of the algorithm byte (1, Ed25519) and the 32-byte public key, and the hash is
 * the first four bytes of SHA-256(name + "\n" + key), in hex. A note is text, a blank line, then
 * signature lines {@code "— <name> <base64(hash || signature)>"}; it is accepted when one
 * signature is this key's and verifies over the text.
 */
public final class NoteVerifier {
    /** The Go checksum database's key, as the go command has it built in. */
    public static final String SUM_GOLANG_ORG = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
    private static final byte ALG_ED25519 = 1;
    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String SIGNATURE_PREFIX = "\u2014 ";

    private final String name;
    private final int keyHash;
    private final PublicKey key;

    private NoteVerifier(String name, int keyHash, PublicKey key) {
        this.name = name;
        this.keyHash = keyHash;
        this.key = key;
    }

    public static NoteVerifier parse(String verifierKey) throws ModuleSourceException {
        String[] parts = verifierKey.split("\\+", 3);
        if (parts.length != 3 || parts[1].length() != 8 || !validName(parts[0])) {
            throw new ModuleSourceException("malformed verifier key \"" + verifierKey + "\" (expected name+hash+key)");
        }
        byte[] encoded;
        int hash;
        try {
            encoded = Base64.getDecoder().decode(parts[2]);
            hash = (int) Long.parseLong(parts[1], 16);
        } catch (IllegalArgumentException e) {
            throw new ModuleSourceException("malformed verifier key \"" + verifierKey + "\" (bad hash or base64 key)");
        }
        if (encoded.length != 33 || encoded[0] != ALG_ED25519) {
            throw new ModuleSourceException("verifier key for " + parts[0] + " is not an Ed25519 key");
        }
        if (hash != keyHash(parts[0], encoded)) {
            throw new ModuleSourceException("verifier key for " + parts[0] + " does not match its own hash " + parts[1]);
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(encoded, 1, spki, ED25519_SPKI_PREFIX.length, 32);
        try {
            return new NoteVerifier(parts[0], hash, KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        } catch (GeneralSecurityException e) {
            throw new ModuleSourceException("verifier key for " + parts[0] + " is not a usable Ed25519 key");
        }
    }

    public String name() {
        return name;
    }

    /** The first four bytes, big-endian, of SHA-256(name + "\n" + key). */
    static int keyHash(String name, byte[] algorithmAndKey) {
        var digest = Hashes.sha256();
        digest.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] sum = digest.digest(algorithmAndKey);
        return (sum[0] & 0xff) << 24 | (sum[1] & 0xff) << 16 | (sum[2] & 0xff) << 8 | sum[3] & 0xff;
    }

    private static boolean validName(String name) {
        return !name.isEmpty() && name.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '+');
    }

    /** The text of a signed note (up to and including its last newline before the blank line) once this key's signature verifies. */
    public String open(String note) throws ModuleSourceException {
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw malformed("it has a control character");
            }
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw malformed("it has no signature block after a blank line");
        }
        String text = note.substring(0, split + 1);
        String signatures = note.substring(split + 2);
        if (signatures.isEmpty() || !signatures.endsWith("\n")) {
            throw malformed("its signature block does not end with a newline");
        }
        boolean ours = false;
        for (String line : signatures.substring(0, signatures.length() - 1).split("\n", -1)) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw malformed("a signature line does not start with \"\u2014 \"");
            }
            String[] nameAndSig = line.substring(SIGNATURE_PREFIX.length()).split(" ", 2);
            byte[] sig;
            try {
                sig = nameAndSig.length == 2 ? Base64.getDecoder().decode(nameAndSig[1]) : new byte[0];
            } catch (IllegalArgumentException e) {
                throw malformed("a signature is not base64");
            }
            if (sig.length < 5 || !validName(nameAndSig[0])) {
                throw malformed("a signature line is malformed");
            }
            int hash = (sig[0] & 0xff) << 24 | (sig[1] & 0xff) << 16 | (sig[2] & 0xff) << 8 | sig[3] & 0xff;
            if (!nameAndSig[0].equals(name) || hash != keyHash) {
                continue; // another signer's: neither trusted nor refused
            }
            if (!verify(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(sig, 4, sig.length))) {
                throw new ModuleSourceException("the checksum database's note has an invalid signature for " + name);
            }
            ours = true;
        }
        if (!ours) {
            throw new ModuleSourceException("the checksum database's note is not signed by " + name);
        }
        return text;
    }

    private boolean verify(byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static ModuleSourceException malformed(String why) {
        return new ModuleSourceException("malformed checksum database note: " + why);
    }
}
