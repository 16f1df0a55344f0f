package io.github.wsbridge;

import java.util.Objects;

/**
 * The HTML Standard's {@code MessageEvent} (§9.2 "The MessageEvent interface"), as a {@link WebSocket} fires it for every
 * received message (WHATWG WebSockets §"Feedback from the protocol", "handle a WebSocket message").
 *
 * <p>{@link #data()} is a {@link String} for a text message; for a binary message it is a {@link Blob} or a new heap
 * {@link java.nio.ByteBuffer} over the message's own array (the Java {@code ArrayBuffer}: mutable, owned by the event),
 * chosen by {@link WebSocket#binaryType()} when the event is dispatched. Listeners that share the event should read the
 * buffer with absolute gets or through {@code duplicate()}. {@link #origin()} is the serialization of the WebSocket URL's origin ({@code ws://host[:port]}), and
 * {@link #lastEventId()} is {@code ""}.
 */
public class MessageEvent extends Event {

    private final Object data;
    private final String origin;
    private final String lastEventId;

    /** {@code new MessageEvent(type)}: data is {@code null}, origin and lastEventId are {@code ""}. */
    public MessageEvent(String type) {
        this(type, null, "");
    }

    /** {@code new MessageEvent(type, {data, origin})}; lastEventId is {@code ""}. */
    public MessageEvent(String type, Object data, String origin) {
        super(type);
        this.data = data;
        this.origin = Objects.requireNonNull(origin, "origin");
        this.lastEventId = "";
    }

    /** The message: a {@link String}, a {@link Blob} or a {@link java.nio.ByteBuffer}. */
    public Object data() {
        return data;
    }

    /** The origin of the message: for a WebSocket, {@code ws://host[:port]} or {@code wss://host[:port]}. */
    public String origin() {
        return origin;
    }

    /** Always {@code ""} for WebSocket messages. */
    public String lastEventId() {
        return lastEventId;
    }
}
