package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Events on a real socket: classes, order, threads, handlers, binaryType (checklist items 52-58, 62-63, 73-81). */
class EventsTest {

    @Test
    void eventsAreTrustedAtTargetAndNotBubblingOrCancelable() {
        // items 53, 73: WPT events/017, events/018
        Recorder.Pair p = Recorder.open(Servers.wpt("/echo"));
        Recorder.Recorded open = p.rec.expectOpen();
        assertFalse(open.event.bubbles());
        assertFalse(open.event.cancelable());
        p.ws.send("hi");
        Recorder.Recorded message = p.rec.next("message");
        MessageEvent m = assertInstanceOf(MessageEvent.class, message.event);
        assertEquals("ws://127.0.0.1:" + Servers.wpt().port(), m.origin(), "item 53: origin of the URL, no slash");
        assertEquals("", m.lastEventId());
        assertFalse(m.bubbles());
        p.ws.close(1000);
        CloseEvent close = p.rec.expectClose();
        assertFalse(close.cancelable());
    }

    @Test
    void withoutAnExecutorMessagesRunOnTheContainersThreadOpenAndCloseOnTheBridges() {
        // item 81 and the threading contract (WebSocket's javadoc): with no executor given, open and close run on the
        // bridge's wsbridge-event-N threads; a message runs on the container's thread that delivered it when nothing
        // else of the socket is queued or running (as raw Jakarta WebSocket's onMessage), else behind it on
        // wsbridge-event-N. 20 round trips one at a time leave the queue idle when each echo arrives.
        Recorder.Pair p = Recorder.open(Servers.wpt("/echo"));
        assertTrue(p.rec.expectOpen().thread.startsWith("wsbridge-event-"));
        int onContainer = 0;
        for (int i = 0; i < 20; i++) {
            p.ws.send(Integer.toString(i));
            Recorder.Recorded r = p.rec.next("message");
            assertEquals(Integer.toString(i), ((MessageEvent) r.event).data());
            assertTrue(r.thread.startsWith("wsbridge-event-") || !r.thread.startsWith("wsbridge-"),
                    () -> "a message runs on the container's thread or an event thread, never on another of the"
                            + " bridge's: " + r);
            if (!r.thread.startsWith("wsbridge-")) {
                onContainer++;
            }
        }
        assertTrue(onContainer > 0, "no message ran on the container's thread: " + p.rec.history());
        p.ws.close(1000);
        assertTrue(p.rec.next("close").thread.startsWith("wsbridge-event-"));
    }

    @Test
    void eventsRunOnTheGivenExecutorInOrder() {
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> new Thread(r, "app-pool"));
        try {
            // Given an executor, no event runs anywhere else, the container's threads included.
            Recorder.Pair p = Recorder.open(Servers.wpt("/echo"), Clients.init().executor(executor));
            assertEquals("app-pool", p.rec.expectOpen().thread);
            for (int i = 0; i < 200; i++) {
                p.ws.send(Integer.toString(i));
            }
            for (int i = 0; i < 200; i++) {
                Recorder.Recorded r = p.rec.next("message");
                assertEquals("app-pool", r.thread);
                assertEquals(Integer.toString(i), ((MessageEvent) r.event).data(), "one serial queue per socket");
            }
            p.ws.close(1000);
            assertEquals("app-pool", p.rec.next("close").thread);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void handlersAndListenersRunInRegistrationOrder() {
        // item 76: WPT events/016 (listener #1, onopen #2, listener #3, for open, message and close)
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Recorder rec = new Recorder();
        WebSocketInit.Builder b = Clients.init();
        b.addEventListener("open", e -> calls.add("open1")).onopen(e -> calls.add("open2"))
                .addEventListener("open", e -> calls.add("open3"));
        b.addEventListener("message", e -> calls.add("message1")).onmessage(e -> calls.add("message2"))
                .addEventListener("message", e -> calls.add("message3"));
        b.addEventListener("close", e -> calls.add("close1")).onclose(e -> calls.add("close2"))
                .addEventListener("close", e -> calls.add("close3"));
        WebSocket ws = new WebSocket(Servers.wpt("/echo"), rec.attach(b).build());
        rec.expectOpen();
        ws.send("Goodbye");
        rec.expectText();
        rec.expectClose(1000, "", true);
        assertEquals(List.of("open1", "open2", "open3", "message1", "message2", "message3", "close1", "close2", "close3"),
                calls);
    }

    @Test
    void aThrowingListenerIsReportedAndTheConnectionIsUnaffected() {
        // item 77
        List<Throwable> reported = Collections.synchronizedList(new ArrayList<>());
        RuntimeException boom = new IllegalStateException("listener bug");
        Recorder.Pair p = Recorder.open(Servers.wpt("/echo"), Clients.init()
                .reportError(reported::add)
                .addEventListener("message", e -> {
                    throw boom;
                }));
        p.rec.expectOpen();
        p.ws.send("one");
        assertEquals("one", p.rec.expectText(), "the recorder, a later listener, still ran");
        p.ws.send("two");
        assertEquals("two", p.rec.expectText());
        assertEquals(List.of(boom, boom), reported);
        assertEquals(WebSocket.OPEN, p.ws.readyState());
        p.ws.close(1000);
        p.rec.expectClose(1000, "", true);
    }

    @Test
    void dispatchEventIsSynchronousUntrustedAndRunsTheHandler() {
        // item 77: WPT events/003, /007, /008, /009
        Recorder.Pair p = Recorder.open(Servers.wpt("/echo"));
        p.rec.expectOpen();
        List<Event> got = new ArrayList<>();
        p.ws.onmessage(got::add);
        MessageEvent synthetic = new MessageEvent("message", "fake", "ws://x");
        assertTrue(p.ws.dispatchEvent(synthetic));
        assertEquals(List.of(synthetic), got, "the handler ran before dispatchEvent returned");
        assertFalse(synthetic.isTrusted());
        assertSame(p.ws, synthetic.target());
        Recorder.Recorded seen = p.rec.next();
        assertEquals("message", seen.type());
        assertEquals("fake", ((MessageEvent) seen.event).data(), "listeners saw it too");
        p.ws.onmessage(null);
        assertNull(p.ws.onmessage(), "item 75: null clears the handler");
        p.ws.close(1000);
        p.rec.expectClose();
    }

    @Test
    void binaryTypeIgnoresInvalidValuesAndKeepsThePreviousOne() {
        // item 57: WPT binaryType-wrong-value (and the arraybuffer case undici gets wrong)
        WebSocket ws = new WebSocket(Servers.wpt("/echo"), Clients.init().build());
        assertEquals("blob", ws.binaryType());
        ws.binaryType("arraybuffer");
        for (String invalid : new String[] {"notBlob", "Blob", "ARRAYBUFFER", "", null}) {
            ws.binaryType(invalid);
            assertEquals("arraybuffer", ws.binaryType());
        }
        ws.binaryType("blob");
        assertEquals("blob", ws.binaryType());
        ws.close();
    }

    @Test
    void binaryTypeIsAppliedWhenTheEventIsDispatched() {
        // item 58: both messages arrive while the first listener runs; the change in it decides the second's type
        Recorder rec = new Recorder();
        WebSocket ws = new WebSocket(Servers.wpt("/echo"), rec.attach(Clients.init()
                .onopen(e -> {
                    WebSocket s = (WebSocket) e.target();
                    s.send(new byte[] {1});
                    s.send(new byte[] {2});
                })
                .addEventListener("message", e -> ((WebSocket) e.target()).binaryType("arraybuffer"))).build());
        rec.expectOpen();
        assertInstanceOf(Blob.class, rec.expectMessage());
        assertInstanceOf(java.nio.ByteBuffer.class, rec.expectMessage());
        ws.close(1000);
        rec.expectClose();
    }

    @Test
    void onceListenersAndRemovalWorkOnRealEvents() {
        Recorder.Pair p = Recorder.open(Servers.wpt("/echo"));
        p.rec.expectOpen();
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        EventListener<Event> removed = e -> calls.add("removed");
        p.ws.addEventListener("message", e -> calls.add("once"), new AddEventListenerOptions().once(true));
        p.ws.addEventListener("message", removed);
        p.ws.removeEventListener("message", removed);
        p.ws.send("a");
        p.rec.expectText();
        p.ws.send("b");
        p.rec.expectText();
        assertEquals(List.of("once"), calls);
        p.ws.close(1000);
        p.rec.expectClose();
    }

    @Test
    void pingsAreAnsweredAndNotExposed() {
        // item 55: the container answers the server's Ping with a Pong of the same payload; no event is fired for it
        Recorder.Pair p = Recorder.open(Servers.raw("/ping"));
        p.rec.expectOpen();
        assertEquals("after ping", p.rec.expectText(), "the next event is the text frame, nothing for the Ping");
        io.github.wsbridge.testing.Frame pong = Servers.raw().connection("/ping", Recorder.TIMEOUT)
                .awaitFrame(Recorder.TIMEOUT);
        assertEquals(io.github.wsbridge.testing.Frame.PONG, pong.opcode());
        assertEquals("are you there", new String(pong.payload(), java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(pong.masked(), "client frames are masked");
        p.ws.close(1000);
        p.rec.expectClose();
    }

    /**
     * An executor that rejects (a managed executor during undeploy, say): no event is lost; they go on on the bridge's
     * own threads, and reportError is told why, naming the executor option.
     */
    @Test
    void anExecutorThatRejectsLosesNoEventAndSaysWhy() throws InterruptedException {
        ExecutorService shutDown = Executors.newSingleThreadExecutor();
        shutDown.shutdown();
        java.util.concurrent.BlockingQueue<Throwable> reported = new java.util.concurrent.LinkedBlockingQueue<>();
        Recorder.Pair p = Recorder.open(Servers.wpt("/echo"),
                Clients.init().executor(shutDown).reportError(reported::add));
        p.rec.expectOpen();
        p.ws.send("still here");
        assertEquals("still here", p.rec.expectText());
        p.ws.close();
        p.rec.expectClose();
        for (Recorder.Recorded r : p.rec.history()) {
            assertTrue(r.thread.startsWith("wsbridge-event-"), r.toString());
        }
        Throwable why = reported.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        assertInstanceOf(java.util.concurrent.RejectedExecutionException.class, why);
        assertTrue(why.getMessage().contains("WebSocketInit.executor(...) rejected"), why.getMessage());
    }
    /**
     * On the bridge's own event threads, listeners see the context class loader of the code that created their socket
     * (in a server, its application's), never one left on a pool thread by another socket's creator.
     */
    @Test
    void listenersOnTheBridgesThreadsSeeTheCreatorsContextClassLoader() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (java.net.URLClassLoader first = new java.net.URLClassLoader(new java.net.URL[0], original);
                java.net.URLClassLoader second = new java.net.URLClassLoader(new java.net.URL[0], original)) {
            List<WebSocket> sockets = new ArrayList<>();
            for (ClassLoader creator : List.of(first, second, first)) {
                java.util.concurrent.CompletableFuture<ClassLoader> inOpen = new java.util.concurrent.CompletableFuture<>();
                thread.setContextClassLoader(creator);
                try {
                    sockets.add(new WebSocket(Servers.wpt("/echo"), Clients.init()
                            .onopen(e -> inOpen.complete(Thread.currentThread().getContextClassLoader())).build()));
                } finally {
                    thread.setContextClassLoader(original);
                }
                assertSame(creator, inOpen.get(10, java.util.concurrent.TimeUnit.SECONDS), "onopen's context loader");
            }
            sockets.forEach(WebSocket::close);
        }
    }
}
