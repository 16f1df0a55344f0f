package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DOM types: DOMException, Event, MessageEvent, CloseEvent (checklist item 74), Blob (item 52, [Amb-14]). */
class DomTypesTest {

    @Test
    void domExceptionNamesAndLegacyCodes() {
        assertEquals(12, DOMException.syntaxError("x").code());
        assertEquals("SyntaxError", DOMException.syntaxError("x").name());
        assertEquals(11, DOMException.invalidStateError("x").code());
        assertEquals("InvalidStateError", DOMException.invalidStateError("x").name());
        assertEquals(15, DOMException.invalidAccessError("x").code());
        assertEquals("InvalidAccessError", DOMException.invalidAccessError("x").name());
        assertEquals(0, new DOMException("m", "OperationError").code());
        assertEquals("Error", new DOMException("m").name());
        assertEquals("m", new DOMException("m", "SyntaxError").getMessage());
    }

    @Test
    void closeEventDefaultsAreZeroEmptyAndNotClean() {
        CloseEvent e = new CloseEvent("close");
        assertEquals(0, e.code());
        assertEquals("", e.reason());
        assertFalse(e.wasClean());
        assertFalse(e.isTrusted(), "constructed events are untrusted");
        assertFalse(e.bubbles());
        assertFalse(e.cancelable());
    }

    @Test
    void closeEventCodeIsAnUnsignedShort() {
        assertEquals(65535, new CloseEvent("close", -1, "r", true).code());
        assertEquals(1000, new CloseEvent("close", 65536 + 1000, "r", true).code());
        CloseEvent e = new CloseEvent("close", 4000, "bye", true);
        assertEquals(4000, e.code());
        assertEquals("bye", e.reason());
        assertTrue(e.wasClean());
    }

    @Test
    void messageEventDefaults() {
        MessageEvent e = new MessageEvent("message");
        assertNull(e.data());
        assertEquals("", e.origin());
        assertEquals("", e.lastEventId());
        MessageEvent d = new MessageEvent("message", "hi", "ws://h");
        assertEquals("hi", d.data());
        assertEquals("ws://h", d.origin());
    }

    @Test
    void eventOutsideDispatch() {
        Event e = new Event("open");
        assertEquals("open", e.type());
        assertNull(e.target());
        assertNull(e.currentTarget());
        assertEquals(Event.NONE, e.eventPhase());
        assertFalse(e.defaultPrevented());
        e.preventDefault();
        assertFalse(e.defaultPrevented(), "preventDefault does nothing on a non-cancelable event");
        Event c = new Event("x", false, true);
        c.preventDefault();
        assertTrue(c.defaultPrevented());
        assertTrue(e.timeStamp() >= 0);
    }

    @Test
    void blobCopiesItsBytesAndReads() {
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        Blob blob = new Blob(bytes, "Text/Plain");
        bytes[0] = 'J';
        assertEquals(5, blob.size());
        assertEquals("text/plain", blob.type());
        assertEquals("hello", blob.text().join());
        ByteBuffer buffer = blob.arrayBuffer().join();
        assertEquals(5, buffer.remaining());
        assertEquals('h', buffer.get(0));
        assertEquals("", new Blob(new byte[0], "t\u00e9xt").type(), "a non-ASCII type becomes empty");
        assertEquals(0, new Blob().size());
    }

    @Test
    void blobSliceFollowsTheFileApi() {
        Blob blob = new Blob("0123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals("234", blob.slice(2, 5).text().join());
        assertEquals("789", blob.slice(-3).text().join(), "negative start counts from the end");
        assertEquals("0123456", blob.slice(0, -3).text().join(), "negative end counts from the end");
        assertEquals("", blob.slice(5, 2).text().join(), "end before start is empty");
        assertEquals("0123456789", blob.slice(-100, 100).text().join(), "clamped");
        assertEquals(0, blob.slice(20).size());
        assertEquals("45", blob.slice(2, 8).slice(2, 4).text().join(), "a slice of a slice");
        assertEquals("a/b", blob.slice(0, 1, "A/B").type());
    }

    @Test
    void blobFromParts() {
        Blob blob = new Blob(List.of("a\uD800", new byte[] {'b'}, ByteBuffer.wrap(new byte[] {'c', 'd'}),
                new Blob(new byte[] {'e'})), "");
        assertArrayEquals("a\uFFFDbcde".getBytes(StandardCharsets.UTF_8), blob.bytes());
        assertThrows(IllegalArgumentException.class, () -> new Blob(List.of(42), ""));
    }
}
