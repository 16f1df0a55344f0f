package io.github.wsbridge;

import java.util.Map;
import java.util.Objects;

/**
 * The DOM's {@code DOMException} (WebIDL §3.14.1 "DOMException"), thrown by the {@link WebSocket} methods exactly where the
 * WHATWG WebSockets Standard says "throw a … DOMException".
 *
 * <p>{@link #name()} is the exact WebIDL error name ({@value #SYNTAX_ERROR}, {@value #INVALID_STATE_ERROR},
 * {@value #INVALID_ACCESS_ERROR}, ...) and {@link #code()} its legacy code (12, 11, 15; 0 for names without one).
 * Being a {@link RuntimeException}, it needs no {@code throws} clause, just as in JavaScript.
 */
public class DOMException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The name for "The string did not match the expected pattern." (legacy code 12). */
    public static final String SYNTAX_ERROR = "SyntaxError";
    /** The name for "The object is in an invalid state." (legacy code 11). */
    public static final String INVALID_STATE_ERROR = "InvalidStateError";
    /** The name for "The object does not support the operation or argument." (legacy code 15). */
    public static final String INVALID_ACCESS_ERROR = "InvalidAccessError";

    /** WebIDL's table of error names with a legacy code; every other name has code 0. */
    private static final Map<String, Integer> LEGACY_CODES = Map.ofEntries(
            Map.entry("IndexSizeError", 1),
            Map.entry("HierarchyRequestError", 3),
            Map.entry("WrongDocumentError", 4),
            Map.entry("InvalidCharacterError", 5),
            Map.entry("NoModificationAllowedError", 7),
            Map.entry("NotFoundError", 8),
            Map.entry("NotSupportedError", 9),
            Map.entry(INVALID_STATE_ERROR, 11),
            Map.entry(SYNTAX_ERROR, 12),
            Map.entry("InvalidModificationError", 13),
            Map.entry("NamespaceError", 14),
            Map.entry(INVALID_ACCESS_ERROR, 15),
            Map.entry("TypeMismatchError", 17),
            Map.entry("SecurityError", 18),
            Map.entry("NetworkError", 19),
            Map.entry("AbortError", 20),
            Map.entry("URLMismatchError", 21),
            Map.entry("QuotaExceededError", 22),
            Map.entry("TimeoutError", 23),
            Map.entry("InvalidNodeTypeError", 24),
            Map.entry("DataCloneError", 25));

    private final String name;

    /** {@code new DOMException(message, name)}, the WebIDL constructor's argument order. */
    public DOMException(String message, String name) {
        super(Objects.requireNonNull(message, "message"));
        this.name = Objects.requireNonNull(name, "name");
    }

    /** {@code new DOMException(message)}: the name is {@code "Error"}, as in WebIDL. */
    public DOMException(String message) {
        this(message, "Error");
    }

    /** The WebIDL error name, for example {@code "SyntaxError"}. */
    public String name() {
        return name;
    }

    /** The legacy code of {@link #name()} (for example 12 for {@code "SyntaxError"}), or 0 if the name has none. */
    public int code() {
        return LEGACY_CODES.getOrDefault(name, 0);
    }

    /** Shorthand for {@code new DOMException(message, "SyntaxError")}. */
    public static DOMException syntaxError(String message) {
        return new DOMException(message, SYNTAX_ERROR);
    }

    /** Shorthand for {@code new DOMException(message, "InvalidStateError")}. */
    public static DOMException invalidStateError(String message) {
        return new DOMException(message, INVALID_STATE_ERROR);
    }

    /** Shorthand for {@code new DOMException(message, "InvalidAccessError")}. */
    public static DOMException invalidAccessError(String message) {
        return new DOMException(message, INVALID_ACCESS_ERROR);
    }

    @Override
    public String toString() {
        return name + ": " + getMessage();
    }
}
