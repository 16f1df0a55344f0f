package io.github.wsbridge;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why a {@link WebSocket}'s connection failed: a Java-only addition, reached through {@link WebSocket#failure()}.
 *
 * <p>The standard keeps failure details from scripts (WHATWG WebSockets, the warning after the close task): the
 * {@code error} event is a plain {@link Event} and the {@code close} event says 1006 whatever happened. Java code often
 * needs more, so the bridge records the cause here before it fires {@code error}: a message, the container's exception if
 * there was one, and the HTTP status of a refused handshake when the container reports it.
 */
public final class ConnectionFailure {

    private final String message;
    private final Throwable cause;
    private final int httpStatus;

    /**
     * @param message what happened, in words a developer can act on
     * @param cause the exception behind it, or null
     * @param httpStatus the HTTP status of a refused handshake, or -1 if there was none or it is unknown
     */
    public ConnectionFailure(String message, Throwable cause, int httpStatus) {
        this.message = Objects.requireNonNull(message, "message");
        this.cause = cause;
        this.httpStatus = httpStatus;
    }

    /** What happened. */
    public String message() {
        return message;
    }

    /** The exception behind the failure (for example the container's {@code DeploymentException}), or null. */
    public Throwable cause() {
        return cause;
    }

    /** The HTTP status of a handshake the server refused (404, 401, 301...), when known. */
    public OptionalInt httpStatus() {
        return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    @Override
    public String toString() {
        return "ConnectionFailure[" + message + (httpStatus >= 0 ? ", HTTP " + httpStatus : "")
                + (cause != null ? ", cause=" + cause : "") + "]";
    }
}
