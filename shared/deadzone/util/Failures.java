package deadzone.util;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * What an exception means, in words a person reads (README, "One-line errors": never a Java class
 * name): the file and what is wrong with it, the host that did not answer, or the first line of
 * the first message along the cause chain, without the "java.x.SomeException: " prefixes the JDK
 * wraps causes in.
 */
public final class Failures {
    /** A wrapped cause's toString: "java.io.IOException: ", "org.x.FooError: ". */
    private static final Pattern CLASS_PREFIX = Pattern.compile("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*|$)");

    private Failures() {
    }

    public static String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException || t instanceof UncheckedIOException)
            && t.getCause() != null) {
            t = t.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String known = known(c);
            if (known != null) {
                return known;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            // The first line only: JSON and YAML parsers add the location on lines of their own.
            String message = c.getMessage() == null ? "" : CLASS_PREFIX.matcher(c.getMessage().strip().lines().findFirst().orElse(""))
                .replaceAll("").strip();
            if (!message.isEmpty()) {
                return message;
            }
        }
        return t instanceof IOException ? "an input/output error" : "an internal error";
    }

    private static String known(Throwable c) {
        if (c instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (c instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (c instanceof FileAlreadyExistsException e) {
            return e.getFile() + " already exists";
        }
        if (c instanceof NotDirectoryException e) {
            return e.getFile() + " is not a folder";
        }
        if (c instanceof DirectoryNotEmptyException e) {
            return e.getFile() + " is not empty";
        }
        if (c instanceof FileSystemException e) {
            return e.getFile() + ": " + (e.getReason() == null ? "cannot be used" : e.getReason());
        }
        if (c instanceof CharacterCodingException) {
            return "not valid UTF-8 text";
        }
        if (c instanceof UnknownHostException e) {
            return "unknown host" + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
        if (c instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (c instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        if (c instanceof EOFException) {
            return "the data ended too early";
        }
        return null;
    }
}
