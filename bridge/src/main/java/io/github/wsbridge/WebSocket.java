package io.github.wsbridge;

import io.github.wsbridge.internal.Connection;
import io.github.wsbridge.internal.Providers;
import io.github.wsbridge.internal.Protocols;
import io.github.wsbridge.internal.SendQueue;
import io.github.wsbridge.internal.SerialExecutor;
import io.github.wsbridge.internal.Threads;
import io.github.wsbridge.internal.Utf8;
import io.github.wsbridge.internal.WebSocketUrl;
import io.github.wsbridge.spi.Capability;
import io.github.wsbridge.spi.WebSocketProvider;
import jakarta.websocket.CloseReason;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The WHATWG WebSockets Standard's {@code WebSocket} interface (§"The WebSocket interface"), in Java, over any Jakarta
 * WebSocket client container.
 *
 * <pre>{@code
 * WebSocket socket = new WebSocket("ws://localhost:8080/chat", WebSocketInit.builder()
 *         .onopen(event -> ((WebSocket) event.target()).send("Hello Server!"))
 *         .onmessage(event -> System.out.println("Message from server " + event.data()))
 *         .build());
 * }</pre>
 *
 * <p>Names and behaviour are the standard's: an IDL attribute {@code x} is the method {@code x()}, a writable one also
 * {@code x(value)}; methods throw the standard's {@link DOMException}s; events are {@code open}, {@code message}
 * ({@link MessageEvent}), {@code error} (a plain {@link Event}) and {@code close} ({@link CloseEvent}). Java-only
 * additions are the {@link WebSocketInit} options and {@link #failure()}.
 *
 * <p><b>Threading.</b> The constructor, {@code send} and {@code close} never block on the network and never fire an event
 * themselves. Events are dispatched one at a time, in order ({@code open? message* error? close}), on this socket's
 * task queue. With {@link WebSocketInit.Builder#executor} the queue runs on that executor and nowhere else. Without
 * one it runs on the bridge's daemon threads ({@code wsbridge-event-N}), except that a message arriving while nothing of
 * this socket is queued or running is dispatched at once on the container's thread that delivered it, where raw Jakarta
 * WebSocket calls {@code onMessage}: no thread hand-off, so a round trip costs what it costs on the raw API. A listener
 * that blocks then holds that container thread; give an executor to keep listeners off the container's threads.
 * {@code send} hands a message to the container on the calling thread when nothing is queued before it and the
 * container's asynchronous send never blocks ({@link io.github.wsbridge.spi.Capability#NON_BLOCKING_SEND}), and to a
 * bridge thread otherwise. State the standard changes inside a task
 * ({@code readyState} OPEN and CLOSED, {@code protocol}, {@code extensions}, the visible fall of {@code bufferedAmount})
 * changes on that queue right before the matching event; state it changes synchronously ({@code readyState} CLOSING in
 * {@code close()}, the growth of {@code bufferedAmount} in {@code send()}) changes on the caller's thread before the
 * method returns. Every method may be called from any thread.
 *
 * <p><b>The first event.</b> A page's script cannot miss {@code open}, because events wait until the script's task ends;
 * Java has no such task. Listeners given in {@link WebSocketInit} are registered before the connection starts and never
 * miss an event; a listener added after the constructor returns misses the events dispatched before it was added.
 */
public class WebSocket implements EventTarget {

    /** {@link #readyState()}: the connection has not yet been established. */
    public static final int CONNECTING = 0;
    /** {@link #readyState()}: the connection is established and communication is possible. */
    public static final int OPEN = 1;
    /** {@link #readyState()}: the closing handshake has started. */
    public static final int CLOSING = 2;
    /** {@link #readyState()}: the connection is closed or could not be opened. */
    public static final int CLOSED = 3;

    /** Fetch's "bad port" list (checklist item 8): connecting to one fails asynchronously, as a network error. */
    private static final Set<Integer> BAD_PORTS = Set.of(0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53,
            69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179,
            389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
            995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679,
            6697, 10080);

    private static final System.Logger LOG = System.getLogger(WebSocket.class.getName());

    private final WebSocketUrl url;
    private final EventListenerList listeners;
    private final EventListenerList.Handler<Event> onopen;
    private final EventListenerList.Handler<MessageEvent> onmessage;
    private final EventListenerList.Handler<Event> onerror;
    private final EventListenerList.Handler<CloseEvent> onclose;
    private final SerialExecutor tasks;
    private final SendQueue sendQueue;
    private final Connection connection;
    private final WebSocketGroup group;

    private final Object lock = new Object();
    private volatile int readyState = CONNECTING;   // written under lock
    private volatile String protocol = "";
    private volatile String extensions = "";
    private volatile String binaryType = "blob";
    private volatile ConnectionFailure failure;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    /** How long after a send completed inside {@code send} its bytes leave the visible bufferedAmount at the latest. */
    static final long LAZY_DRAIN_MICROS = 1_000;

    /**
     * {@code new WebSocket(url)}.
     *
     * @throws DOMException "SyntaxError" if the URL does not parse, is relative, has a scheme other than ws, wss, http
     *         or https, or has a fragment
     */
    public WebSocket(String url) {
        this(url, WebSocketInit.DEFAULTS);
    }

    /**
     * {@code new WebSocket(url, protocols)}.
     *
     * @throws DOMException "SyntaxError" for a bad URL (see {@link #WebSocket(String)}), or a protocol that is not a
     *         token or occurs twice (compared case-insensitively)
     */
    public WebSocket(String url, String... protocols) {
        this(url, WebSocketInit.builder().protocols(Objects.requireNonNull(protocols, "protocols")).build());
    }

    /**
     * {@code new WebSocket(url, {protocols, ...})}: the standard constructor with the options bag.
     *
     * @throws DOMException "SyntaxError" as for {@link #WebSocket(String, String...)}
     * @throws IllegalStateException if no container was given and none is on the class path
     * @throws IllegalArgumentException if {@code init} names a provider that is not present, or uses an option (proxy,
     *         sslContext) that the chosen provider cannot honour; the message names the option and the provider
     */
    public WebSocket(String url, WebSocketInit init) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(init, "init");
        // 1-7. Let urlRecord be the result of getting a URL record given url and the API base URL: parse, map http(s)
        //      to ws(s), reject other schemes and fragments with a "SyntaxError" DOMException.
        this.url = WebSocketUrl.parse(url, init.baseUrl());
        // 8-9. If protocols is a string, make it a list; if any value occurs more than once or is not a token, throw
        //      a "SyntaxError" DOMException.
        List<String> protocols = Protocols.validate(init.protocolArray());

        WebSocketProvider provider = Providers.select(init.provider(), init.container());
        requireCapability(provider, init, init.proxy() != null, Capability.PROXY, "proxy(...)");
        requireCapability(provider, init, init.sslContext() != null, Capability.TLS_CONTEXT, "sslContext(...)");
        Consumer<Throwable> report = init.reportError() != null ? init.reportError() : WebSocket::logListenerException;
        this.listeners = new EventListenerList(report);
        this.onopen = listeners.new Handler<>("open", Event.class);
        this.onmessage = listeners.new Handler<>("message", MessageEvent.class);
        this.onerror = listeners.new Handler<>("error", Event.class);
        this.onclose = listeners.new Handler<>("close", CloseEvent.class);
        for (WebSocketInit.Registration r : init.listeners()) {
            register(r);
        }
        this.tasks = new SerialExecutor(init.executor() != null ? init.executor() : Threads.events(),
                Thread.currentThread().getContextClassLoader(), report);
        Feedback feedback = new Feedback();
        this.sendQueue = new SendQueue(feedback, init.sendBufferLimit(), Threads.io());
        this.connection = new Connection(provider, feedback, protocols, init.maxMessageSize(), init.connectTimeout(),
                init.closeTimeout(), init.pingInterval(), init.pongTimeout());
        this.group = init.group();
        if (group != null) {
            group.join(this);
        }

        // 10-12. Run in parallel: establish a WebSocket connection. A bad port is a network error (Fetch), reported
        //        asynchronously as error then close (checklist item 8).
        if (BAD_PORTS.contains(this.url.effectivePort())) {
            connection.abort("Port " + this.url.effectivePort() + " is on Fetch's list of bad ports");
        } else {
            connection.connect(this.url.toURI(), handshakeHeaders(init), init.sslContext(), init.proxy());
        }
        // Tasks queued so far wait until here: no event fires before the constructor returns (checklist item 83).
        tasks.release();
    }

    /** Java-only misuse fails fast: an option the provider cannot honour is never silently ignored. */
    private static void requireCapability(WebSocketProvider provider, WebSocketInit init, boolean used,
            Capability needed, String option) {
        if (!used || provider.capabilities().contains(needed)) {
            return;
        }
        String container = provider.container().getClass().getName();
        String hint;
        if (init.container() == null) {
            hint = "Put io.github.wsbridge:wsbridge-tyrus on the class path, or name a provider that has it with"
                    + " WebSocketInit.provider(...)";
        } else if (provider.name().equals("tyrus")) {
            hint = "The application's own ClientManager is used as it is: set the option on it (Tyrus's ClientProperties),"
                    + " or leave WebSocketInit.container(...) out so that wsbridge-tyrus uses its own";
        } else {
            hint = "Configure it on the container itself, or leave WebSocketInit.container(...) out and put"
                    + " io.github.wsbridge:wsbridge-tyrus on the class path";
        }
        throw new IllegalArgumentException("WebSocketInit." + option + " needs a provider with the " + needed
                + " capability, but the provider '" + provider.name() + "' on " + container + " lacks it. " + hint);
    }

    @SuppressWarnings("unchecked")
    private void register(WebSocketInit.Registration r) {
        if (!r.handler) {
            listeners.add(r.type, (EventListener<Event>) r.listener, r.capture, r.once);
            return;
        }
        switch (r.type) {
            case "open":
                onopen.set((EventListener<Event>) r.listener);
                break;
            case "message":
                onmessage.set((EventListener<MessageEvent>) r.listener);
                break;
            case "error":
                onerror.set((EventListener<Event>) r.listener);
                break;
            default:
                onclose.set((EventListener<CloseEvent>) r.listener);
                break;
        }
    }

    private List<String[]> handshakeHeaders(WebSocketInit init) {
        List<String[]> headers = new ArrayList<>(init.headerList());
        boolean hasAuthorization = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Authorization"));
        if (!hasAuthorization && (!url.username().isEmpty() || !url.password().isEmpty())) {
            // Checklist item 17 [Amb-4]: URL credentials become pre-emptive Basic authentication.
            String credentials = percentDecode(url.username()) + ":" + percentDecode(url.password());
            headers.add(new String[] {"Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))});
        }
        return headers;
    }

    private static String percentDecode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    // ---- attributes ----

    /** The URL, as parsed and normalised by the constructor (http mapped to ws, https to wss). */
    public String url() {
        return url.href();
    }

    /** {@link #CONNECTING}, {@link #OPEN}, {@link #CLOSING} or {@link #CLOSED}. */
    public int readyState() {
        return readyState;
    }

    /**
     * The number of bytes queued by {@code send()} but not yet transmitted, as of the last task this socket dispatched.
     * It grows synchronously in {@code send()}, also after the closing handshake started (when nothing is sent).
     */
    public long bufferedAmount() {
        return sendQueue.bufferedAmount();
    }

    /** The extensions the server selected (the {@code Sec-WebSocket-Extensions} response header), or {@code ""}. */
    public String extensions() {
        return extensions;
    }

    /** The subprotocol the server selected, or {@code ""}. */
    public String protocol() {
        return protocol;
    }

    /** How binary messages are exposed: {@code "blob"} (the default) or {@code "arraybuffer"}. */
    public String binaryType() {
        return binaryType;
    }

    /**
     * Sets {@link #binaryType()}. Only {@code "blob"} and {@code "arraybuffer"} are accepted (case-sensitively); any other
     * value, null included, is ignored and the previous value kept (WebIDL enumeration setter). The value in force when a
     * message event is dispatched decides its data's type.
     */
    public void binaryType(String value) {
        if ("blob".equals(value) || "arraybuffer".equals(value)) {
            binaryType = value;
        }
    }

    /** Why the connection failed, once the {@code error} event has been dispatched (a Java-only addition). */
    public Optional<ConnectionFailure> failure() {
        return Optional.ofNullable(failure);
    }

    // ---- send ----

    /**
     * Sends a text message. Unpaired surrogates are sent as U+FFFD. {@code bufferedAmount} grows by the UTF-8 length.
     *
     * @throws DOMException "InvalidStateError" while CONNECTING
     * @throws NullPointerException if data is null
     */
    public void send(String data) {
        Objects.requireNonNull(data, "data");
        requireNotConnecting();
        String text = Utf8.toUsvString(data);
        sendQueue.offer(text, Utf8.encodedLength(text));
    }

    /**
     * Sends a binary message of the bytes from the buffer's position to its limit. The bytes are copied now; the
     * buffer's position is not moved.
     *
     * @throws DOMException "InvalidStateError" while CONNECTING
     */
    public void send(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        requireNotConnecting();
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        sendQueue.offer(copy);
    }

    /**
     * Sends a binary message of all of {@code data}, copied now.
     *
     * @throws DOMException "InvalidStateError" while CONNECTING
     */
    public void send(byte[] data) {
        Objects.requireNonNull(data, "data");
        send(data, 0, data.length);
    }

    /**
     * Sends a binary message of exactly {@code data[offset .. offset+length)}, copied now (the Java counterpart of an
     * ArrayBufferView).
     *
     * @throws DOMException "InvalidStateError" while CONNECTING
     * @throws IndexOutOfBoundsException if the slice is not inside the array
     */
    public void send(byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
        requireNotConnecting();
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        sendQueue.offer(ByteBuffer.wrap(copy));
    }

    /**
     * Sends a Blob as a binary message. {@code bufferedAmount} grows by its size.
     *
     * @throws DOMException "InvalidStateError" while CONNECTING
     */
    public void send(Blob data) {
        Objects.requireNonNull(data, "data");
        requireNotConnecting();
        sendQueue.offer(data.view());
    }

    private void requireNotConnecting() {
        // send() step 1. If this's ready state is CONNECTING, then throw an "InvalidStateError" DOMException.
        if (readyState == CONNECTING) {
            throw DOMException.invalidStateError("send() was called before the WebSocket is open (readyState CONNECTING)");
        }
    }

    // ---- close ----

    /** Starts the closing handshake with a Close frame without a status code (the peer sees 1005). */
    public void close() {
        closeSteps(null, null);
    }

    /**
     * Starts the closing handshake with this status code.
     *
     * @throws DOMException "InvalidAccessError" unless code is 1000 or in 3000..4999
     */
    public void close(int code) {
        closeSteps(code, null);
    }

    /**
     * Starts the closing handshake with this status code and reason. A null reason is the same as none.
     *
     * @throws DOMException "InvalidAccessError" unless code is 1000 or in 3000..4999; then "SyntaxError" if the reason
     *         is longer than 123 bytes in UTF-8
     */
    public void close(int code, String reason) {
        closeSteps(code, reason);
    }

    private void closeSteps(Integer code, String reason) {
        // 1. If code is present, but is neither an integer equal to 1000 nor an integer in the range 3000 to 4999,
        //    inclusive, throw an "InvalidAccessError" DOMException.
        if (code != null && code != 1000 && (code < 3000 || code > 4999)) {
            throw DOMException.invalidAccessError("The close code must be 1000 or in the range 3000 to 4999, not " + code);
        }
        // 2. If reason is present: let reasonBytes be the result of UTF-8 encoding reason; if reasonBytes is longer
        //    than 123 bytes, throw a "SyntaxError" DOMException.
        String reasonText = reason == null ? null : Utf8.toUsvString(reason);
        if (reasonText != null && Utf8.encodedLength(reasonText) > 123) {
            throw DOMException.syntaxError("The close reason must be at most 123 bytes in UTF-8, not "
                    + Utf8.encodedLength(reasonText));
        }
        closingSteps(code, reasonText);
    }

    /**
     * "Make disappear" (WHATWG WebSockets §Garbage collection), for {@link WebSocketGroup#close()}: fail the connection
     * if it is not yet established; start the closing handshake with 1001 if it has not started; otherwise nothing.
     * These are the close() steps from step 3 on, with the code 1001 that close() itself may not send.
     */
    void makeDisappear() {
        closingSteps(1001, "");
    }

    private void closingSteps(Integer code, String reasonText) {
        // 3. Run the first matching steps from the following list:
        int state;
        synchronized (lock) {
            state = readyState;
            if (state == CLOSING || state == CLOSED) {
                // - If this's ready state is CLOSING or CLOSED: do nothing.
                return;
            }
            readyState = CLOSING;
            if (state == CONNECTING) {
                sendQueue.stop();
            } else {
                // - If the WebSocket closing handshake has not yet been started: start the WebSocket closing handshake
                //   and set this's ready state to CLOSING. Without a code there is no body; with a code only, the
                //   body is the code; otherwise code and reason. Messages sent before go out first (item 37).
                // - Otherwise (the closing handshake was started by the server): set this's ready state to CLOSING.
                //   The connection no longer accepts frames, so offerClose does nothing then.
                connection.startClosingHandshakeTimer();
                sendQueue.offerClose(code, code == null ? null : reasonText == null ? "" : reasonText);
            }
        }
        if (state == CONNECTING) {
            // - If the WebSocket connection is not yet established: fail the WebSocket connection and set this's ready
            //   state to CLOSING. (Outside the lock: failing queues the close task, and nothing else needs the lock.)
            connection.abort("close() was called before the connection was established");
        }
    }

    // ---- event handler attributes ----

    /** The {@code onopen} event handler, or null. */
    public EventListener<Event> onopen() {
        return onopen.get();
    }

    /** Sets the {@code onopen} event handler; null removes it. Reassignment keeps the handler's place among listeners. */
    public void onopen(EventListener<Event> listener) {
        onopen.set(listener);
    }

    /** The {@code onmessage} event handler, or null. */
    public EventListener<MessageEvent> onmessage() {
        return onmessage.get();
    }

    /** Sets the {@code onmessage} event handler; null removes it. */
    public void onmessage(EventListener<MessageEvent> listener) {
        onmessage.set(listener);
    }

    /** The {@code onerror} event handler, or null. */
    public EventListener<Event> onerror() {
        return onerror.get();
    }

    /** Sets the {@code onerror} event handler; null removes it. */
    public void onerror(EventListener<Event> listener) {
        onerror.set(listener);
    }

    /** The {@code onclose} event handler, or null. */
    public EventListener<CloseEvent> onclose() {
        return onclose.get();
    }

    /** Sets the {@code onclose} event handler; null removes it. */
    public void onclose(EventListener<CloseEvent> listener) {
        onclose.set(listener);
    }

    // ---- EventTarget ----

    @Override
    public void addEventListener(String type, EventListener<Event> listener) {
        listeners.add(type, listener, false, false);
    }

    @Override
    public void addEventListener(String type, EventListener<Event> listener, AddEventListenerOptions options) {
        Objects.requireNonNull(options, "options");
        listeners.add(type, listener, options.capture(), options.once());
    }

    @Override
    public void removeEventListener(String type, EventListener<Event> listener) {
        listeners.remove(type, listener, false);
    }

    @Override
    public void removeEventListener(String type, EventListener<Event> listener, boolean capture) {
        listeners.remove(type, listener, capture);
    }

    @Override
    public boolean dispatchEvent(Event event) {
        Objects.requireNonNull(event, "event");
        if (event.dispatching()) {
            throw DOMException.invalidStateError("The event is already being dispatched");
        }
        event.markUntrusted();
        return listeners.dispatch(event, this);
    }

    @Override
    public String toString() {
        return "WebSocket[" + url.href() + ", readyState=" + readyState + "]";
    }

    // ---- feedback from the protocol ----

    private void fire(Event event) {
        event.markTrusted();
        listeners.dispatch(event, this);
    }

    private static void logListenerException(Throwable e) {
        LOG.log(System.Logger.Level.WARNING, e instanceof java.util.concurrent.RejectedExecutionException
                ? e.getMessage() : "A WebSocket event listener threw", e);
    }

    /**
     * The WebSocket's side of its connection and send queue (WHATWG WebSockets §"Feedback from the protocol"). Called on
     * container, timer and sender threads; it only queues tasks on {@link #tasks}.
     */
    private final class Feedback implements Connection.Handler, SendQueue.Owner {

        @Override
        public void established(String selectedProtocol, String selectedExtensions) {
            sendQueue.open(connection);
            // When the WebSocket connection is established, queue a task to run these steps:
            tasks.execute(() -> {
                sendQueue.applyDrained();
                synchronized (lock) {
                    // Never open after close() during CONNECTING (checklist item 29).
                    if (readyState != CONNECTING) {
                        return;
                    }
                    // 1. Change the ready state to OPEN.
                    readyState = OPEN;
                    // 2. Change the extensions attribute's value to the extensions in use, if it is not the null string.
                    extensions = selectedExtensions;
                    // 3. Change the protocol attribute's value to the subprotocol in use, if it is not the null value.
                    protocol = selectedProtocol;
                }
                // 4. Fire an event named open at the WebSocket object.
                fire(new Event("open"));
            });
        }

        @Override
        public void text(String data) {
            // When a WebSocket message has been received, queue a task to handle it: if the ready state is not OPEN,
            // return (checklist item 51); fire a MessageEvent with origin the URL's origin.
            tasks.executeHere(() -> { // on the container's thread when the queue allows
                sendQueue.applyDrained();
                if (readyState == OPEN) {
                    fire(new MessageEvent("message", data, url.origin()));
                }
            });
        }

        @Override
        public void binary(byte[] data) {
            tasks.executeHere(() -> { // on the container's thread when the queue allows
                sendQueue.applyDrained();
                if (readyState == OPEN) {
                    // The binaryType in force now decides the type (checklist item 52, 58).
                    Object value = "arraybuffer".equals(binaryType) ? ByteBuffer.wrap(data) : Blob.adopt(data);
                    fire(new MessageEvent("message", value, url.origin()));
                }
            });
        }

        @Override
        public void closed(int code, String reason, boolean wasClean, ConnectionFailure why) {
            sendQueue.stop();
            if (group != null) {
                group.leave(WebSocket.this);
            }
            // When the WebSocket connection is closed, possibly cleanly, queue a task to run these steps:
            tasks.execute(() -> {
                sendQueue.applyDrained();
                sendQueue.freeze();
                synchronized (lock) {
                    // 1. Change the ready state to CLOSED.
                    readyState = CLOSED;
                    failure = why;
                }
                // 2. If the user agent was required to fail the WebSocket connection, or the WebSocket connection was
                //    closed after being flagged as full, fire an event named error at the WebSocket object.
                if (why != null) {
                    fire(new Event("error"));
                }
                // 3. Fire an event named close, using CloseEvent, with wasClean, code and reason.
                fire(new CloseEvent("close", code, reason, wasClean));
            });
        }

        /**
         * The visible fall of bufferedAmount, at most one task queued at a time. Where it runs matters for speed only:
         * on the completing thread when nothing of this socket is running (it runs no application code), or with the
         * socket's running tasks; a send that completed inside {@code send} on an idle socket (the fall must not be seen
         * before {@code send} returns) has it run {@value #LAZY_DRAIN_MICROS} µs later from the timer, rather than
         * wake an event thread for each message.
         */
        @Override
        public void drained(boolean mayApplyHere) {
            if (drainQueued.compareAndSet(false, true)) {
                if (mayApplyHere) {
                    tasks.executeIfIdle(applyDrained);
                } else if (!tasks.executeIfBusy(applyDrained)) {
                    Threads.timer().schedule(applyDrainedIfIdle, LAZY_DRAIN_MICROS, TimeUnit.MICROSECONDS);
                }
            }
        }


        private final Runnable applyDrained = () -> {
            drainQueued.set(false);
            sendQueue.applyDrained();
        };

        private final Runnable applyDrainedIfIdle = () -> tasks.executeIfIdle(applyDrained);

        @Override
        public void sendFailed(Throwable cause) {
            connection.sendFailed(new ConnectionFailure("Sending a message failed: " + cause, cause, -1));
        }

        @Override
        public void full(long limit) {
            connection.fail(new ConnectionFailure("The WebSocket was flagged as full: more than " + limit
                    + " bytes were waiting to be sent (WebSocketInit sendBufferLimit)", null, -1),
                    CloseReason.CloseCodes.GOING_AWAY);
        }
    }
}
