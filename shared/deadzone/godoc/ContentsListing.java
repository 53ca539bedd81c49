package deadzone.godoc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import deadzone.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * GitHub's Contents API answer for a directory: a JSON array of
 * {@code {name, path, sha, size, url, html_url, git_url, download_url, type, _links}}, every entry
 * of the directory. {@code sha} is the git blob sha of a file ({@link #gitBlobSha}), so a file
 * whose sha did not change since the last run need not be downloaded again.
 */
public record ContentsListing(List<Entry> entries) {
    /** One listed entry; {@code downloadUrl} is null for a directory. */
    public record Entry(String name, String type, String sha, String downloadUrl) {
        /** A file the package is read from: a .go file that is not a test file. */
        public boolean isGoSource() {
            return type.equals("file") && name.endsWith(".go") && !name.endsWith("_test.go");
        }
    }

    /** An answer that is not a directory listing; the message says why in one line. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    public ContentsListing {
        entries = List.copyOf(entries);
    }

    public List<Entry> goSources() {
        return entries.stream().filter(Entry::isGoSource).toList();
    }

    public static ContentsListing parse(byte[] body) throws Malformed {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Malformed("not a GitHub Contents API listing (invalid JSON at line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new Malformed("not a GitHub Contents API listing (" + e.getMessage() + ")");
        }
        if (root == null || !root.isArray()) {
            boolean file = root != null && root.isObject() && "file".equals(root.path("type").asText());
            throw new Malformed(file ? "the url names a file, not a directory (list the package's directory)"
                : "not a GitHub Contents API listing (expected a JSON array of entries)");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            String name = text(e, "name");
            String type = text(e, "type");
            String sha = text(e, "sha");
            if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
                || name.contains("\\") || name.indexOf('\0') >= 0) {
                throw new Malformed("listing entry " + i + " has no usable name");
            }
            if (type == null || sha == null || !sha.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
                throw new Malformed("listing entry " + i + " (" + name + ") has no type or git sha");
            }
            JsonNode download = e.get("download_url");
            String downloadUrl = download == null || download.isNull() ? null : download.isTextual() ? download.asText() : null;
            if (type.equals("file") && downloadUrl == null) {
                throw new Malformed("listing entry " + i + " (" + name + ") is a file without a download_url");
            }
            entries.add(new Entry(name, type, sha, downloadUrl));
        }
        return new ContentsListing(entries);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** What git names a file's content: SHA-1 of {@code "blob <size>\0"} and the bytes, in hex. */
    public static String gitBlobSha(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
