package io.github.wsbridge.internal;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket's outgoing messages and its {@code bufferedAmount} (WHATWG WebSockets §"send()", §"bufferedAmount";
 * checklist items 31-44): one container send in flight at a time (Tomcat throws on concurrent async sends), messages in
 * call order, the Close frame after the messages queued before it.
 *
 * <p>{@code bufferedAmount} grows synchronously in {@link #offer} and falls only in {@link #applyDrained()}, which the
 * socket calls on its task queue between events, never while a listener runs [Amb-7]. The bytes not yet written are
 * bounded by a limit; a message that would exceed it "flags the WebSocket as full" [Amb-5]: the queue stops, and the
 * socket closes the connection with {@code error} then {@code close}.
 *
 * <p>Concurrency contract: {@link #offer}, {@link #offerClose} and {@link #stop} may be called from any thread; state is
 * guarded by {@code this}. Container calls ({@link Transport}) are never made while holding the lock. Exactly one
 * thread pumps at a time (the {@code pumping} flag); a send that completes synchronously inside the container call is
 * looped over rather than recursed into. Where the pump runs:
 * <ul>
 * <li>A message the container sends without ever blocking ({@link Transport#sendsWithoutBlocking}: Tyrus, Jetty and
 * Undertow's asynchronous sends, up to {@link Connection#FRAGMENT}) goes to the container on the thread that offered
 * it, when nothing is queued before it and that thread is not interrupted (an interrupted thread would close an NIO
 * channel it writes to): as raw Jakarta WebSocket sends, without a thread hand-off. So {@code send} still never waits
 * for the network. When such a send completes later, on the container's thread, that thread sends what was queued
 * meanwhile.
 * <li>Anything else goes out on the pump executor, never on the caller's thread (Tomcat's asynchronous send waits for
 * the socket to take the bytes, and large messages go out through the blocking API in fragments).
 * </ul>
 * Each thread other than the pump executor sends at most {@value #INLINE_BUDGET} messages, then hands the rest to the
 * pump executor.
 */
public final class SendQueue {

    /** Where the queue writes. Implemented over a Jakarta {@code Session}. */
    public interface Transport {
        /** True if sending {@code payload} (a String or a ByteBuffer) never blocks the calling thread. */
        boolean sendsWithoutBlocking(Object payload);

        void sendText(String text, SendHandler done);

        void sendBinary(ByteBuffer data, SendHandler done);

        /** Starts the closing handshake; {@code code} null means a Close frame without a body. Must not block. */
        void sendClose(Integer code, String reason);
    }

    /** What the queue tells its socket. Called without the queue's lock held. */
    public interface Owner {
        /**
         * Bytes reached the network; call {@link #applyDrained()} on the task queue.
         *
         * @param mayApplyHere true if the calling thread may run that task itself when the task queue is idle; false
         *        when it is inside {@code send} on the application's thread
         */
        void drained(boolean mayApplyHere);

        /** A container send failed: the connection is broken. */
        void sendFailed(Throwable cause);

        /** A message did not fit under the limit: the socket is flagged as full. */
        void full(long limit);
    }

    /** Result of {@link #offer}. */
    public enum Offer {
        /** Queued for sending. */
        QUEUED,
        /** Counted in bufferedAmount only: the closing handshake has started or the socket is closed (item 32). */
        DISCARDED,
        /** Did not fit: the socket is now flagged as full. */
        FULL
    }

    private static final class Item {
        final Object payload; // String, ByteBuffer, or null for the Close frame
        final long size;
        final Integer closeCode;
        final String closeReason;

        Item(Object payload, long size, Integer closeCode, String closeReason) {
            this.payload = payload;
            this.size = size;
            this.closeCode = closeCode;
            this.closeReason = closeReason;
        }

        boolean isClose() {
            return payload == null;
        }
    }

    /** Messages a thread other than the pump executor sends before it hands the rest to the pump executor. */
    static final int INLINE_BUDGET = 64;

    private final Owner owner;
    private final long limit;
    private final java.util.concurrent.Executor pumpExecutor;
    private Transport transport;                              // guarded by this; null until open

    private final ArrayDeque<Item> items = new ArrayDeque<>(4); // guarded by this; small: most sockets are idle
    private boolean accepting = true;                          // guarded by this
    private boolean pumping;                                   // guarded by this
    private long unsent;                                       // guarded by this: queued or in flight
    private long drained;                                      // guarded by this: written, not yet applied
    private boolean frozen;                                    // guarded by this: closed, bufferedAmount only grows
    private volatile long bufferedAmount;                      // written under this

    /**
     * @param pumpExecutor where container sends are made: never the caller's thread (Tomcat's "async" sends block the
     *        sending thread) and never a container I/O thread
     */
    public SendQueue(Owner owner, long limit, java.util.concurrent.Executor pumpExecutor) {
        this.owner = owner;
        this.limit = limit;
        this.pumpExecutor = pumpExecutor;
    }

    /** The socket is open: messages can go out. Called once, before any message can be offered. */
    public void open(Transport transport) {
        synchronized (this) {
            this.transport = transport;
        }
    }

    /** The visible bufferedAmount. */
    public long bufferedAmount() {
        return bufferedAmount;
    }

    /** Queues a text message (already converted to a USVString) of {@code size} UTF-8 bytes. */
    public Offer offer(String text, long size) {
        return offerItem(new Item(text, size, null, null));
    }

    /** Queues a binary message; the buffer is owned by the queue from now on. */
    public Offer offer(ByteBuffer data) {
        return offerItem(new Item(data, data.remaining(), null, null));
    }

    private Offer offerItem(Item item) {
        synchronized (this) {
            bufferedAmount += item.size; // item 41: synchronously, whatever happens next
            if (!accepting) {
                return Offer.DISCARDED;
            }
            if (unsent + item.size <= limit) {
                unsent += item.size;
                items.add(item);
                if (pumping || transport == null) {
                    return Offer.QUEUED;
                }
                pumping = true;
            } else {
                accepting = false;
                items.clear();
                item = null;
            }
        }
        if (item == null) {
            owner.full(limit);
            return Offer.FULL;
        }
        pump(Pumper.CALLER);
        return Offer.QUEUED;
    }

    /**
     * Queues the Close frame behind the messages already queued (item 37) and stops accepting messages.
     *
     * @param code the status code, or null for a Close frame without a body
     */
    public void offerClose(Integer code, String reason) {
        boolean startPump;
        synchronized (this) {
            if (!accepting) {
                return;
            }
            accepting = false;
            items.add(new Item(null, 0, code, reason));
            startPump = !pumping && transport != null;
            if (startPump) {
                pumping = true;
            }
        }
        if (startPump) {
            pumpExecutor.execute(this::pumpOnExecutor);
        }
    }

    /** Stops sending: the connection is closed or failed. Messages not yet handed to the container are dropped. */
    public void stop() {
        synchronized (this) {
            accepting = false;
            items.clear();
        }
    }

    /**
     * Applies the bytes written since the last call to the visible bufferedAmount. Called on the socket's task queue.
     */
    public void applyDrained() {
        synchronized (this) {
            if (drained != 0 && !frozen) {
                bufferedAmount -= drained;
                drained = 0;
            }
        }
    }

    /**
     * The socket is CLOSED: bufferedAmount no longer falls (item 44), whatever completions arrive late. Called on the
     * task queue, in the close task, after a last {@link #applyDrained()}.
     */
    public void freeze() {
        synchronized (this) {
            frozen = true;
        }
    }

    /** The thread that pumps. */
    private enum Pumper {
        /** The thread that offered the first item, inside {@code send}. */
        CALLER,
        /** A container thread, after a send it completed. */
        CONTAINER,
        /** The pump executor: sends anything, without a budget. */
        EXECUTOR
    }

    private void pumpOnExecutor() {
        pump(Pumper.EXECUTOR);
    }

    /**
     * Sends queued items until the queue is empty or a send is left in flight (its completion goes on). A thread other
     * than the pump executor stops at {@value #INLINE_BUDGET} messages, or at an item it must not send, and hands the
     * rest to the pump executor.
     */
    private void pump(Pumper pumper) {
        for (int sent = 0;; sent++) {
            Item item;
            Transport out;
            boolean handOver;
            synchronized (this) {
                item = items.peek();
                if (item == null) {
                    pumping = false;
                    return;
                }
                out = transport;
                handOver = pumper != Pumper.EXECUTOR && (sent == INLINE_BUDGET || !mayGoOutHere(item, out, pumper));
                if (!handOver) {
                    items.poll();
                }
            }
            if (handOver) {
                pumpExecutor.execute(this::pumpOnExecutor); // still pumping: the executor goes on
                return;
            }
            if (item.isClose()) {
                out.sendClose(item.closeCode, item.closeReason);
                continue;
            }
            Completion completion = new Completion(item.size, pumper == Pumper.CALLER);
            try {
                if (item.payload instanceof String) {
                    out.sendText((String) item.payload, completion);
                } else {
                    out.sendBinary((ByteBuffer) item.payload, completion);
                }
            } catch (Throwable e) {
                // IllegalStateException and the like: the session closed under us; or the container is broken. Either
                // way this pump ends here, cleanly, so that nothing waits behind it.
                synchronized (this) {
                    pumping = false;
                    accepting = false;
                    items.clear();
                }
                owner.sendFailed(e);
                if (e instanceof OutOfMemoryError) {
                    throw (OutOfMemoryError) e;
                }
                return;
            }
            if (!completion.callerReturned()) {
                continue; // it completed synchronously: this thread goes on
            }
            return; // the completion will go on pumping from the container's thread
        }
    }

    /**
     * Whether a thread other than the pump executor may hand {@code item} to the container: the Close frame always
     * ({@link Transport#sendClose} must not block); a message if the container sends it without blocking, and, on the
     * caller's thread, if that thread is not interrupted (an interrupt would close the NIO channel the container writes
     * to).
     */
    private static boolean mayGoOutHere(Item item, Transport out, Pumper pumper) {
        return item.isClose() || (out.sendsWithoutBlocking(item.payload)
                && (pumper != Pumper.CALLER || !Thread.currentThread().isInterrupted()));
    }

    /**
     * After a send completed on the container's thread: true if items wait, and the pump must go on; false if the queue
     * is empty, and this pump ends here instead of costing a thread hand-off to find that out (one per message on a
     * connection that sends one message at a time).
     */
    private boolean moreToPump() {
        synchronized (this) {
            if (items.isEmpty()) {
                pumping = false;
                return false;
            }
            return true;
        }
    }

    /** @param mayApplyHere false inside {@code send} on the caller's thread, where bufferedAmount must not fall */
    private void succeeded(long size, boolean mayApplyHere) {
        synchronized (this) {
            unsent -= size;
            drained += size;
        }
        owner.drained(mayApplyHere);
    }

    private void failed(Throwable cause) {
        synchronized (this) {
            pumping = false;
            accepting = false;
            items.clear();
        }
        owner.sendFailed(cause);
    }

    /** One container send's handler; decides whether the caller or the handler keeps pumping. */
    private final class Completion implements SendHandler {
        private static final int PENDING = 0;
        private static final int CALLER_RETURNED = 1;
        private static final int COMPLETED_INLINE = 2;

        private final long size;
        private final boolean onCaller;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        Completion(long size, boolean onCaller) {
            this.size = size;
            this.onCaller = onCaller;
        }

        /** True if the caller returned before the send completed (the handler will go on pumping). */
        boolean callerReturned() {
            return state.compareAndSet(PENDING, CALLER_RETURNED);
        }

        @Override
        public void onResult(SendResult result) {
            if (!result.isOK()) {
                failed(result.getException()); // the state stays PENDING: a pumping caller returns, it does not loop
                return;
            }
            boolean inline = state.compareAndSet(PENDING, COMPLETED_INLINE); // still inside the container call
            succeeded(size, !(inline && onCaller));
            if (inline) {
                return; // the pumping thread loops
            }
            if (moreToPump()) {
                pump(Pumper.CONTAINER); // on the container's thread: sends only what never blocks
            }
        }
    }
}
