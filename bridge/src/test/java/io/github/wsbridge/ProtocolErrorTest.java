package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Protocol errors after open (checklist items 21, 54, 70, [Amb-12]): each fails the WebSocket connection, so the script
 * sees error, then close 1006 "" not clean. Malformed server frames are injected as WPT does, through the raw server's
 * {@code /echo_raw}, which writes what the client sends it straight onto the TCP stream.
 */
class ProtocolErrorTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The frame the server writes before the bad one, so the test knows the bad one is already in the container. */
    private static final byte[] BEFORE = HEX.parseHex("8106" + HEX.formatHex("before".getBytes()));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a text frame with RSV1 set (RFC 6455 §5.2),                         c10178",
        "a continuation frame with no message started (§5.4),               800178",
        "a new data frame inside a fragmented message (§5.4),               0101610101 62",
        "a Ping with 126 bytes of payload (§5.5),                           897e007e",
        "a fragmented Ping (§5.5),                                          0900",
        "the reserved control opcode 0xB (§5.2),                            8b00",
        "a Close with the reserved code 1005 ([Amb-12]),                    880203ed",
        "a Close with the reserved code 1006 ([Amb-12]),                    880203ee",
    })
    void aMalformedServerFrameFailsTheConnection(String what, String hex) {
        byte[] bad = HEX.parseHex(hex.replace(" ", ""));
        if (hex.startsWith("897e007e")) {
            bad = concat(bad, new byte[126]);
        }
        Recorder.Pair p = Recorder.open(Servers.raw("/echo_raw?case=" + hex.replace(" ", "")));
        p.rec.expectOpen();
        p.ws.send(concat(BEFORE, bad));
        assertEquals("before", p.rec.expectText());
        p.rec.expectFailure();
        p.rec.expectNoMoreEvents();
        assertTrue(p.ws.failure().isPresent());
    }

    /**
     * [Amb-12]: a 1-byte Close, or a Close whose reason is not UTF-8. Tyrus reports 1002 / 1007, which the bridge turns
     * into the failure. Container limitation, Tomcat 11: it marks the session closed and never calls onClose for it
     * (WsFrameBase.processDataControl), so nothing arrives; when the application then calls close(), Tomcat reports
     * that close at once as its own clean 1000, and that is what the socket can say. Pinned.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a Close with a 1-byte body (§5.5.1),      880103",
        "a Close reason that is not UTF-8 (§8.1),  880403e8c328",
    })
    void aMalformedCloseFailsTheConnection(String what, String hex) {
        Recorder.Pair p = Recorder.open(Servers.raw("/echo_raw?case=" + hex.trim()),
                Clients.init().closeTimeout(Duration.ofMillis(500)));
        p.rec.expectOpen();
        p.ws.send(concat(BEFORE, HEX.parseHex(hex.trim())));
        assertEquals("before", p.rec.expectText());
        if (Clients.isTomcat()) {
            p.rec.expectNoMoreEvents(); // Tomcat never reports it
            p.ws.close(1000);
            p.rec.expectClose(1000, "", true);
        } else {
            p.rec.expectFailure();
        }
        p.rec.expectNoMoreEvents();
    }

    @Test
    void aWrongUpgradeHeaderFailsTheHandshake() {
        // item 21, RFC 6455 §4.1 check 2: Tyrus checks it itself; for Tomcat, which does not, the bridge does
        Recorder.Pair p = Recorder.open(Servers.raw("/bad-upgrade"));
        p.rec.expectFailure();
        p.rec.expectNoMoreEvents();
    }

    @Test
    void aConnectionHeaderWithoutUpgradeFailsTheHandshake() {
        // item 21, RFC 6455 §4.1 check 3
        Recorder.Pair p = Recorder.open(Servers.raw("/no-connection-upgrade"));
        p.rec.expectFailure();
        p.rec.expectNoMoreEvents();
    }

    @Test
    void anExtensionTheClientDidNotOfferFailsTheHandshake() {
        // item 21, RFC 6455 §4.1 check 5: Tyrus does not check it, the bridge does
        Recorder.Pair p = Recorder.open(Servers.raw("/unrequested-extension"));
        p.rec.expectFailure();
        // Tomcat and Jetty refuse it themselves; on Tyrus it is the bridge's own check
        String expected = Clients.isTomcat() ? "unable to support" : Clients.isJetty() ? "not requested" : "x-unoffered";
        assertTrue(p.ws.failure().orElseThrow().message().contains(expected), p.ws.failure().toString());
        p.rec.expectNoMoreEvents();
    }

    @Test
    void fragmentedAndEmptyMessagesArriveWhole() {
        // item 54: "hel" + Ping + "lo" is one message "hello"; an empty binary message is an empty Blob
        Recorder.Pair p = Recorder.open(Servers.raw("/fragmented"));
        p.rec.expectOpen();
        assertEquals("hello", p.rec.expectText());
        Object empty = p.rec.expectMessage();
        assertEquals(0, ((Blob) empty).size());
        p.rec.expectClose(1000, "", true);
        p.rec.expectNoMoreEvents();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
