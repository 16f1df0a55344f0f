package io.github.wsbridge.internal;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The opt-in keep-alive of one open connection ({@code WebSocketInit.Builder.pingInterval}, a Java-only option; the
 * standard leaves pings to the user agent): a Ping every interval (RFC 6455 §5.5.2), and the peer declared dead when no
 * Pong (§5.5.3; an unsolicited one counts too, as a heartbeat) arrived within the Pong timeout of a Ping.
 *
 * <p>Concurrency contract: {@link #start} is called once, on the container thread that opened the session; {@link #stop}
 * from any thread, any number of times, also before or during {@code start}. The ticks and checks run on the bridge's
 * timer thread; a Ping is sent on an I/O thread, since {@code sendPing} blocks in some containers (Tomcat); Pongs arrive
 * on the container's read path and only increment a counter. The dead-peer callback runs at most once, on the timer.
 */
final class KeepAlive {

    private static final byte[] PAYLOAD = "wsbridge keep-alive".getBytes(StandardCharsets.US_ASCII);

    private final Duration interval;
    private final Duration pongTimeout;
    private final Consumer<String> dead;

    private final AtomicLong pongs = new AtomicLong();
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> ticks;
    /** The pending check of the oldest unanswered Ping, or null: one at a time. */
    private volatile ScheduledFuture<?> check;

    /**
     * @param dead told, with a sentence saying what happened, when a Pong did not come in time
     */
    KeepAlive(Duration interval, Duration pongTimeout, Consumer<String> dead) {
        this.interval = interval;
        this.pongTimeout = pongTimeout;
        this.dead = dead;
    }

    /** Listens for Pongs on the session and starts the Pings, the first one after one interval. */
    void start(Session session) {
        if (stopped) {
            return;
        }
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> pongs.incrementAndGet());
        long every = interval.toNanos();
        ticks = Threads.timer().scheduleAtFixedRate(() -> tick(session), every, every, TimeUnit.NANOSECONDS);
        if (stopped) {
            stop(); // stop ran between the first check and the assignment
        }
    }

    /** Ends the Pings and pending checks; nothing of this keep-alive runs afterwards. */
    void stop() {
        stopped = true;
        cancel(ticks);
        cancel(check);
    }

    private void tick(Session session) {
        if (stopped) {
            return;
        }
        ScheduledFuture<?> pending = check;
        if (pending == null || pending.isDone()) {
            long seen = pongs.get();
            check = Threads.timer().schedule(() -> verify(seen), pongTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        Threads.io().execute(() -> {
            try {
                session.getAsyncRemote().sendPing(ByteBuffer.wrap(PAYLOAD));
            } catch (IOException | RuntimeException e) {
                // The session is closing or broken: onClose or onError reports that; else the pending check does.
            }
        });
    }

    private void verify(long pongsWhenSent) {
        if (!stopped && pongs.get() == pongsWhenSent) {
            stopped = true;
            cancel(ticks);
            dead.accept("The peer did not answer: no pong within " + pongTimeout + " of a ping (WebSocketInit pingInterval "
                    + interval + ", pongTimeout " + pongTimeout + ")");
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
