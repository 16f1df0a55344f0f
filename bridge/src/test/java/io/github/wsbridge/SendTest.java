package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.testing.Await;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** send() and bufferedAmount (checklist items 30-44). */
class SendTest {

    private static Recorder.Pair openEcho() {
        Recorder.Pair p = Recorder.open(Servers.wpt("/echo"));
        p.rec.expectOpen();
        return p;
    }

    private static void closeCleanly(Recorder.Pair p) {
        p.ws.close(1000);
        p.rec.expectClose(1000, "", true);
        assertEquals(0, p.ws.bufferedAmount(), "bufferedAmount is 0 once everything is on the wire");
    }

    @Test
    void sendWhileConnectingThrowsInvalidStateError() {
        // item 30: WPT Send-before-open, send/003, send/004 (conversion never throws first)
        WebSocket ws = new WebSocket(Servers.wpt("/handshake_sleep_2"), Clients.init().build());
        for (Runnable send : new Runnable[] {() -> ws.send("x"), () -> ws.send("\uD800"), () -> ws.send(new byte[1]),
            () -> ws.send(ByteBuffer.allocate(1)), () -> ws.send(new Blob(new byte[1]))}) {
            DOMException e = assertThrows(DOMException.class, send::run);
            assertEquals("InvalidStateError", e.name());
            assertEquals(11, e.code());
        }
        assertEquals(0, ws.bufferedAmount());
        ws.close();
    }

    @Test
    void textIsEchoedAndBufferedAmountGrowsByUtf8Bytes() {
        // items 31, 41: WPT Send-data (15), Send-unicode-data (12), Send-paired-surrogates (4), Send-0byte-data (0)
        Recorder.Pair p = openEcho();
        p.ws.send("Message to send");
        assertEquals("Message to send", p.rec.expectText());
        p.ws.send("\u00a5\u00a5\u00a5\u00a5\u00a5\u00a5");
        assertEquals("\u00a5\u00a5\u00a5\u00a5\u00a5\u00a5", p.rec.expectText());
        p.ws.send("\uD801\uDC7E");
        assertEquals("\uD801\uDC7E", p.rec.expectText());
        p.ws.send("");
        assertEquals("", p.rec.expectText(), "item 34: an empty message");
        closeCleanly(p);
    }

    @Test
    void bufferedAmountGrowsSynchronouslyBeforeSendReturns() {
        // item 41, 82: inside one listener, before any drain can be applied, the sums are exact
        Recorder rec = new Recorder();
        long[] seen = new long[5];
        WebSocket ws = new WebSocket(Servers.wpt("/echo"), rec.attach(Clients.init().onopen(e -> {
            WebSocket s = (WebSocket) e.target();
            s.send("Message to send");
            seen[0] = s.bufferedAmount();
            s.send("\u00a5\u00a5\u00a5\u00a5\u00a5\u00a5");
            seen[1] = s.bufferedAmount();
            s.send("\uD801\uDC7E");
            seen[2] = s.bufferedAmount();
            s.send(new byte[10]);
            seen[3] = s.bufferedAmount();
            s.send(new Blob(new byte[10]));
            seen[4] = s.bufferedAmount();
        })).build());
        rec.expectOpen();
        assertArrayEquals(new long[] {15, 27, 31, 41, 51}, seen);
        for (int i = 0; i < 5; i++) {
            rec.expectMessage();
        }
        ws.close(1000);
        rec.expectClose(1000, "", true);
        assertEquals(0, ws.bufferedAmount());
    }

    @Test
    void bufferedAmountDoesNotFallWhileAListenerRuns() throws InterruptedException {
        // item 42: WPT bufferedAmount-unchanged-by-sync-xhr: the callback blocks, bufferedAmount still reads 5
        CountDownLatch never = new CountDownLatch(1);
        long[] after = new long[1];
        Recorder rec = new Recorder();
        WebSocket ws = new WebSocket(Servers.wpt("/echo"), rec.attach(Clients.init().onopen(e -> {
            WebSocket s = (WebSocket) e.target();
            s.send("hello");
            try {
                never.await(500, TimeUnit.MILLISECONDS); // the listener blocks, as a synchronous XHR would
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            after[0] = s.bufferedAmount();
        })).build());
        rec.expectOpen();
        assertEquals(5, after[0]);
        assertEquals("hello", rec.expectText());
        ws.close(1000);
        rec.expectClose();
    }

    @Test
    void bufferedAmountHasFallenByTheTimeLaterEventsAreDispatched() {
        // item 42: WPT bufferedAmount-getting sends x, å, 匶, 𐑾 (1, 2, 3, 4 bytes) and reads bufferedAmount at each echo.
        // One send is in flight at a time, so when echo k is dispatched sends 1..k-1 have completed and are no longer
        // counted; send k itself is on the wire, but its completion may reach the bridge a moment after its echo (the
        // container reports it on another thread), so it may still count [Amb-7]. At the close event it is 0.
        Recorder rec = new Recorder();
        WebSocket ws = new WebSocket(Servers.wpt("/echo"), rec.attach(Clients.init().onopen(e -> {
            WebSocket s = (WebSocket) e.target();
            s.send("x");
            s.send("\u00e5");
            s.send("\u5336");
            s.send("\uD801\uDC7E");
        })).build());
        rec.expectOpen();
        long[] atMost = {10, 9, 7, 4}; // bytes of sends k..4
        long previous = Long.MAX_VALUE;
        for (long bound : atMost) {
            Recorder.Recorded r = rec.next("message");
            assertTrue(r.bufferedAmount <= bound, "bufferedAmount " + r.bufferedAmount + " <= " + bound);
            assertTrue(r.bufferedAmount <= previous, "it never grows without a send");
            previous = r.bufferedAmount;
        }
        ws.close(1000);
        Recorder.Recorded close = rec.next("close");
        assertEquals(0, close.bufferedAmount, "everything was on the wire before the Close frame");
    }

    @Test
    void bufferedAmountFallsToZeroWithoutAnyEventToCarryIt() throws InterruptedException {
        // item 42 [Amb-7]: the fall is applied on the socket's task queue; a server that never answers queues no event,
        // and sends made outside any listener (here the test's thread) must still leave bufferedAmount at 0.
        Recorder.Pair p = Recorder.open(Servers.wpt("/sink"));
        p.rec.expectOpen();
        for (int i = 0; i < 3; i++) {
            p.ws.send("twelve bytes"); // (outside a listener the fall may be seen at once: the growth is tested above)
            assertTrue(Await.until(() -> p.ws.bufferedAmount() == 0, Duration.ofSeconds(10)),
                    () -> "bufferedAmount stayed at " + p.ws.bufferedAmount());
        }
        p.ws.send(new byte[100_000]); // above the size sent whole through the asynchronous API: on a bridge thread
        assertTrue(Await.until(() -> p.ws.bufferedAmount() == 0, Duration.ofSeconds(10)),
                () -> "bufferedAmount stayed at " + p.ws.bufferedAmount());
        assertEquals(List.of("open"), p.rec.history().stream().map(r -> r.event.type()).toList());
        closeCleanly(p);
    }

    @Test
    void aSendFromAnInterruptedThreadGoesOutAndTheInterruptStays() {
        // The bridge may hand a message to the container on the calling thread; a container writing to an NIO channel
        // on an interrupted thread would close the channel. The interrupt is the caller's: it stays set, and the
        // connection is not harmed.
        Recorder.Pair p = Recorder.open(Servers.wpt("/echo"));
        p.rec.expectOpen();
        boolean stillInterrupted;
        Thread.currentThread().interrupt();
        try {
            p.ws.send("sent while interrupted");
            p.ws.send(new byte[] {1, 2, 3});
        } finally {
            stillInterrupted = Thread.interrupted();
        }
        assertTrue(stillInterrupted, "send must not clear the caller's interrupt");
        assertEquals("sent while interrupted", p.rec.expectText());
        p.rec.expectMessage();
        p.ws.send("and after");
        assertEquals("and after", p.rec.expectText());
        assertEquals(WebSocket.OPEN, p.ws.readyState());
        closeCleanly(p);
    }

    @Test
    void unpairedSurrogatesAreSentAsReplacementCharacters() {
        // item 33: WPT Send-unpaired-surrogates, send/006
        Recorder.Pair p = openEcho();
        p.ws.send("a\uDC00xb\uD800xc\uDC00\uD800x");
        assertEquals("a\uFFFDxb\uFFFDxc\uFFFD\uFFFDx", p.rec.expectText());
        closeCleanly(p);
    }

    @Test
    void binaryIsEchoedAsArrayBufferOrBlob() {
        // items 35, 52: WPT Send-binary-arraybuffer, Send-binary-blob, binary/001-005
        Recorder.Pair p = openEcho();
        byte[] bytes = "0123456789abcde".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        p.ws.send(bytes);
        Blob blob = assertInstanceOf(Blob.class, p.rec.expectMessage(), "binaryType blob is the default");
        assertArrayEquals(bytes, blob.bytes());
        p.ws.binaryType("arraybuffer");
        p.ws.send(new Blob(bytes));
        ByteBuffer buffer = assertInstanceOf(ByteBuffer.class, p.rec.expectMessage());
        assertEquals(15, buffer.remaining());
        closeCleanly(p);
    }

    @Test
    void onlyTheSliceIsSentAndTheCallersBufferIsNotMovedOrRead() {
        // item 35, 36: byte[] slice, ByteBuffer position..limit, bytes captured at call time
        Recorder.Pair p = openEcho();
        p.ws.binaryType("arraybuffer");
        byte[] array = {0, 1, 2, 3, 4, 5, 6, 7};
        p.ws.send(array, 2, 3);
        array[2] = 99; // after send(): must not change what was sent
        ByteBuffer echoed = (ByteBuffer) p.rec.expectMessage();
        assertEquals(ByteBuffer.wrap(new byte[] {2, 3, 4}), echoed);
        ByteBuffer source = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5});
        source.position(1).limit(4);
        p.ws.send(source);
        assertEquals(1, source.position(), "the caller's position is not moved");
        assertEquals(4, source.limit());
        source.put(1, (byte) 0);
        assertEquals(ByteBuffer.wrap(new byte[] {8, 7, 6}), p.rec.expectMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> p.ws.send(array, 6, 3));
        closeCleanly(p);
    }

    @Test
    void everyPayloadLengthEncodingAndLargeMessagesWork() {
        // item 39: WPT extended-payload-length (125, 126, 65535, 65536), Send-65K-data, binary/002 (100000 bytes),
        // and 12 MiB binary and 10 MiB text messages both ways, far above Tomcat's 8 KiB default buffers and Tyrus's
        // 4 MiB incoming frame limit (both raised per connection to maxMessageSize by the providers)
        Recorder.Pair p = openEcho();
        for (int n : new int[] {125, 126, 65535, 65536, 65000}) {
            String text = "x".repeat(n);
            p.ws.send(text);
            assertEquals(text, p.rec.expectText());
        }
        p.ws.binaryType("arraybuffer");
        for (int n : new int[] {100_000, 12 << 20}) {
            byte[] data = new byte[n];
            Arrays.fill(data, (byte) 7);
            p.ws.send(data);
            assertEquals(ByteBuffer.wrap(data), p.rec.expectMessage());
        }
        String big = "\u00e9".repeat(5 << 20);
        p.ws.send(big);
        assertEquals(big, p.rec.expectText());
        closeCleanly(p);
    }

    @Test
    void messagesGoOutInCallOrder() {
        // item 37
        Recorder.Pair p = openEcho();
        for (int i = 0; i < 500; i++) {
            p.ws.send("m" + i);
        }
        for (int i = 0; i < 500; i++) {
            assertEquals("m" + i, p.rec.expectText());
        }
        closeCleanly(p);
    }

    @Test
    void afterCloseNothingIsSentNothingThrowsAndBufferedAmountStillGrows() {
        // item 32, 44: WPT send/007, send/008 (send in onclose)
        long[] inClose = new long[1];
        // Tyrus, Tomcat and Undertow report our close at once, so the close event may run while this thread still
        // sends: the listener waits until this thread's sends are counted.
        java.util.concurrent.CountDownLatch sentHere = new java.util.concurrent.CountDownLatch(1);
        Recorder rec = new Recorder();
        WebSocket ws = new WebSocket(Servers.wpt("/echo"), rec.attach(Clients.init().onclose(e -> {
            WebSocket s = (WebSocket) e.target();
            try {
                assertTrue(sentHere.await(10, java.util.concurrent.TimeUnit.SECONDS), "the test thread's sends");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            long before = s.bufferedAmount();
            s.send("abc");
            inClose[0] = s.bufferedAmount() - before;
        })).build());
        rec.expectOpen();
        ws.close(1000);
        long before = ws.bufferedAmount();
        ws.send("12345");
        ws.send(new byte[7]);
        assertEquals(before + 12, ws.bufferedAmount(), "grows in CLOSING although nothing is sent");
        sentHere.countDown();
        rec.expectClose(1000, "", true);
        assertEquals(3, inClose[0], "grows in CLOSED too");
        rec.expectNoMoreEvents();
    }

    @Test
    void aFullSendBufferClosesWithErrorNeverThrows() {
        // item 38 [Amb-5]: the server reads nothing for 3 s; past the limit the socket is flagged as full. 64 MiB are
        // offered, far more than loopback buffers absorb, and nothing is kept beyond the 256 KiB limit.
        Recorder.Pair p = Recorder.open(Servers.wpt("/slow-reader?ms=3000"), Clients.init().sendBufferLimit(256 * 1024));
        p.rec.expectOpen();
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 1024; i++) {
            p.ws.send(chunk); // never throws
        }
        p.rec.expectFailure();
        assertTrue(p.ws.failure().orElseThrow().message().contains("full"), p.ws.failure().toString());
        assertTrue(p.ws.bufferedAmount() > 256 * 1024, "bytes that were never sent never leave bufferedAmount");
    }

    @Test
    void manyLargeMessagesToASlowReaderAreAllDelivered() {
        // item 39: WPT send-many-64K-messages-with-backpressure: 50 x 64 KiB, the server reads one every 100 ms
        Recorder.Pair p = Recorder.open(Servers.wpt("/receive-many-with-backpressure"));
        p.rec.expectOpen();
        for (int i = 0; i < 50; i++) {
            p.ws.send("y".repeat(65536));
        }
        for (int i = 0; i < 50; i++) {
            assertEquals("65536", p.rec.expectText());
        }
        closeCleanly(p);
    }

    @Test
    void sendingANullIsAJavaMisuse() {
        Recorder.Pair p = openEcho();
        assertThrows(NullPointerException.class, () -> p.ws.send((String) null));
        assertThrows(NullPointerException.class, () -> p.ws.send((byte[]) null));
        closeCleanly(p);
    }

    @Test
    void bufferedAmountCountsOnlyTheBytesAViewCovers() {
        // item 41 [Amb-6]: a ByteBuffer adds remaining(), a byte[] slice its length, not the whole array
        long[] seen = new long[2];
        Recorder rec = new Recorder();
        WebSocket ws = new WebSocket(Servers.wpt("/echo"), rec.attach(Clients.init().onopen(e -> {
            WebSocket s = (WebSocket) e.target();
            ByteBuffer view = ByteBuffer.allocate(100);
            view.position(10).limit(30);
            s.send(view);
            seen[0] = s.bufferedAmount();
            s.send(new byte[100], 50, 7);
            seen[1] = s.bufferedAmount();
        })).build()); // onopen first, so it has run when the recorder sees open
        rec.expectOpen();
        assertArrayEquals(new long[] {20, 27}, seen);
        rec.expectMessage();
        rec.expectMessage();
        ws.close(1000);
        rec.expectClose();
    }

    @Test
    void aSendPastTheLimitFiresNoEventInsideSend() throws InterruptedException {
        // items 38, 78: being flagged as full only queues the error and close tasks
        ConstructorTest.ManualExecutor executor = new ConstructorTest.ManualExecutor();
        Recorder rec = new Recorder();
        WebSocket ws = new WebSocket(Servers.wpt("/slow-reader?ms=3000"),
                rec.attach(Clients.init().executor(executor).sendBufferLimit(1024)).build());
        while (ws.readyState() == WebSocket.CONNECTING) {
            executor.runNext(); // the open task
        }
        rec.expectOpen();
        ws.send(new byte[2048]); // over the limit: flagged as full
        assertEquals(WebSocket.OPEN, ws.readyState(), "nothing ran: the close task is only queued");
        rec.expectNoMoreEvents();
        executor.runAll();
        rec.expectFailure();
    }
}
