package io.github.wsbridge.example.bot;

import io.github.wsbridge.CloseEvent;
import io.github.wsbridge.ConnectionFailure;
import io.github.wsbridge.DOMException;
import io.github.wsbridge.MessageEvent;
import io.github.wsbridge.WebSocket;
import io.github.wsbridge.WebSocketGroup;
import io.github.wsbridge.WebSocketInit;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManageableThread;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A chat bot on the server: a wsbridge {@link WebSocket} client that joins a chat room (by default this application's
 * own, see {@link BotUpstream}), answers the messages addressed to it ({@link BotReplies}) and stays connected.
 *
 * <p>The socket is made exactly as a page makes one, with {@code addEventListener("message", ...)}, {@code send} and the
 * close event's code and reason (compare {@link #open(String)} with {@code app.js}). Its events are dispatched on the
 * server's default {@link ManagedExecutorService}, so listeners run with the application's context (class loader,
 * naming, security) and the server manages their threads.
 *
 * <p><b>Reconnecting.</b> When the upstream closes the connection, or it cannot be opened, the bot reconnects after a
 * capped exponential {@link Backoff} (0.5 s doubling up to 15 s); a connection that stayed open for {@value
 * #STABLE_SECONDS} s resets the backoff, so a server that accepts and then drops the bot at once is not hammered. It
 * never reconnects after a close it started itself: when the page points it at another URL ({@link #retarget}), the old
 * socket is closed and the new one opened as soon as that close event arrives (so the bot's name is free again), and
 * on shutdown ({@link #stop}, close code 1001) it stays closed.
 *
 * <p><b>Concurrency.</b> Events of one socket arrive one at a time, but events of an old and a new socket, servlet
 * requests and the reconnect timer may run at once: every field below {@code lock} is guarded by it. Each listener
 * knows its own socket ({@code event.target()}), and events of a socket that is no longer {@code socket} change nothing
 * but the reply they may send. Nothing blocks while holding the lock: the bridge's constructor, {@code send} and
 * {@code close} never block.
 */
@ApplicationScoped
public class ChatBot {

    /** The bot's name in the room. */
    public static final String NAME = "bot";

    static final int STABLE_SECONDS = 10;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15));
    private static final Logger LOG = Logger.getLogger(ChatBot.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService managedExecutor;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private final BotReplies replies = new BotReplies(NAME, Clock.systemUTC());
    /** Every socket of the bot; closed on shutdown, so that the upstream sees 1001 (Going Away). */
    private final WebSocketGroup group = new WebSocketGroup();

    private final Object lock = new Object();
    private String defaultUrl;
    private String override;
    private WebSocket socket;
    private boolean switchOnClose;
    private Instant openedAt;
    private int failures;
    private ScheduledFuture<?> retry;
    private Instant retryAt;
    private boolean stopped;
    private BotStatus.Close lastClose;
    private BotStatus.Failure lastError;
    private long answered;
    private String eventThread;
    private boolean managedThread;

    /**
     * The socket, the same shape as the page's: {@code new WebSocket(url)}, then listeners for open, message, error and
     * close. Here they are registered through {@link WebSocketInit} so that none can miss an event.
     */
    private WebSocket open(String url) {
        return new WebSocket(url, WebSocketInit.builder()
                .executor(managedExecutor)
                .group(group)
                .connectTimeout(CONNECT_TIMEOUT)
                .addEventListener("open", event -> opened((WebSocket) event.target()))
                .addEventListener("message", event -> {
                    WebSocket ws = (WebSocket) event.target();
                    ChatLine.parse(((MessageEvent) event).data())
                            .flatMap(replies::answer)
                            .ifPresent(reply -> {
                                ws.send(reply);
                                answered();
                            });
                })
                .addEventListener("error", event -> failed((WebSocket) event.target()))
                .addEventListener("close", event -> closed((WebSocket) event.target(), (CloseEvent) event))
                .build());
    }

    /**
     * Sets the default upstream if none is set yet, and connects if the bot is not connected. Called once at start-up
     * with a configured URL, or with the URL derived from the first request.
     *
     * @return whether this URL became the default
     */
    public boolean offerDefaultUrl(String url) {
        synchronized (lock) {
            if (defaultUrl != null || stopped) {
                return false;
            }
            defaultUrl = url;
            if (socket == null && retry == null) {
                connect();
            }
            return true;
        }
    }

    /** Whether a default upstream is known. */
    public boolean hasDefaultUrl() {
        synchronized (lock) {
            return defaultUrl != null;
        }
    }

    /**
     * Points the bot at another upstream, or back at the default one.
     *
     * @param url a ws, wss, http or https URL; null or blank for the default
     * @throws IllegalArgumentException if {@code url} is not a WebSocket URL; the bot then goes on as before
     */
    public void retarget(String url) {
        String target = url == null || url.isBlank() ? null : BotUpstream.check(url.strip());
        synchronized (lock) {
            if (stopped) {
                throw new IllegalStateException("the bot is stopped");
            }
            override = target;
            failures = 0;
            cancelRetry();
            if (socket == null) {
                connect();
            } else if (!switchOnClose) {
                switchOnClose = true;
                socket.close(1000, "retargeted");
            }
        }
    }

    /** What the bot is doing now. */
    public BotStatus status() {
        synchronized (lock) {
            String state;
            if (stopped) {
                state = "stopped";
            } else if (socket != null) {
                state = switch (socket.readyState()) {
                    case WebSocket.CONNECTING -> "connecting";
                    case WebSocket.OPEN -> "open";
                    case WebSocket.CLOSING -> "closing";
                    default -> "closed";
                };
            } else {
                state = retry != null ? "waiting" : "idle";
            }
            return new BotStatus(state, currentUrl(), defaultUrl, override != null,
                    socket == null ? 0 : socket.bufferedAmount(), lastClose, lastError, failures, retryAt, answered,
                    eventThread, managedThread);
        }
    }

    /**
     * On undeploy or shutdown: the connection closes with 1001 (Going Away), as a page's socket does when the page goes
     * away, and the bot never reconnects. ({@code close(1001)} itself is an InvalidAccessError, as in a browser: only
     * the group, the bridge's "make disappear", may send 1001.)
     */
    @PreDestroy
    public void stop() {
        synchronized (lock) {
            stopped = true;
            cancelRetry();
        }
        group.close();
    }

    // ---- event listeners: run on the managed executor, one event of a socket at a time ----

    private void opened(WebSocket ws) {
        synchronized (lock) {
            noteThread();
            if (ws == socket) {
                openedAt = now();
                LOG.info(() -> "Bot connected to " + ws.url());
            }
        }
    }

    private void answered() {
        synchronized (lock) {
            noteThread();
            answered++;
        }
    }

    private void failed(WebSocket ws) {
        synchronized (lock) {
            noteThread();
            if (ws == socket) {
                String message = ws.failure().map(ConnectionFailure::message).orElse("the connection failed");
                lastError = new BotStatus.Failure(message, ws.url(), now());
                LOG.info(() -> "Bot connection to " + ws.url() + " failed: " + message);
            }
        }
    }

    private void closed(WebSocket ws, CloseEvent event) {
        synchronized (lock) {
            noteThread();
            if (ws != socket) {
                return;
            }
            lastClose = new BotStatus.Close(event.code(), event.reason(), event.wasClean(), ws.url(), now());
            LOG.info(() -> "Bot connection to " + ws.url() + " closed: " + event);
            boolean lasted = openedAt != null
                    && Duration.between(openedAt, now()).getSeconds() >= STABLE_SECONDS;
            socket = null;
            openedAt = null;
            if (stopped) {
                return;
            }
            if (switchOnClose) {
                switchOnClose = false;
                connect();
                return;
            }
            failures = lasted ? 1 : failures + 1;
            Duration delay = BACKOFF.delay(failures);
            try {
                retry = scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
                retryAt = now().plus(delay);
            } catch (RejectedExecutionException e) {
                // The server is shutting down: WildFly suspends (closing every WebSocket with 1001) before the
                // application's @PreDestroy, and its executors refuse new tasks from then on.
                lastError = new BotStatus.Failure("not reconnecting: the server refused to schedule it (" + e
                        + ")", ws.url(), now());
            }
        }
    }

    private void reconnect() {
        synchronized (lock) {
            retry = null;
            retryAt = null;
            if (!stopped && socket == null) {
                connect();
            }
        }
    }

    // ---- helpers, called holding lock ----

    private void connect() {
        String url = currentUrl();
        if (url == null) {
            return;
        }
        try {
            socket = open(url);
        } catch (DOMException e) {
            // The bridge parses URLs as browsers do and refused this one: nothing to retry until retargeted.
            socket = null;
            lastError = new BotStatus.Failure(e.toString(), url, now());
            LOG.log(Level.WARNING, "Bot cannot connect to " + url, e);
        } catch (RuntimeException e) {
            // Java-side misuse or a missing container (IllegalStateException, IllegalArgumentException): shown on the
            // page, not lost in the scheduler.
            socket = null;
            lastError = new BotStatus.Failure(e.toString(), url, now());
            LOG.log(Level.SEVERE, "Bot cannot create a socket for " + url, e);
        }
    }

    private String currentUrl() {
        return override != null ? override : defaultUrl;
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
            retryAt = null;
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private void noteThread() {
        Thread t = Thread.currentThread();
        eventThread = t.getName();
        managedThread = t instanceof ManageableThread;
    }
}
