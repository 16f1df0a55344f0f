package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.spi.Capability;
import io.github.wsbridge.testing.TestCertificates;
import io.github.wsbridge.testing.WptServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * wss against an embedded Jetty TLS server whose certificates are made at test time: a certificate trusted through
 * {@code WebSocketInit.sslContext} connects; an untrusted one, or one for another host, fails the connection (error, then
 * close 1006). Host names are verified by the bridge's wrapper around every TLS context, on every container.
 */
class TlsTest {

    private static TestCertificates certificates;
    private static WptServer server;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.generate();
        server = WptServer.startTls(certificates);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static boolean tlsContext() {
        return Clients.capabilities().contains(Capability.TLS_CONTEXT);
    }

    /** On a provider without TLS_CONTEXT, the option is refused at construction, naming option and capability. */
    private static void assertRefused(String url, WebSocketInit.Builder init) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WebSocket(url, init.build()));
        assertTrue(e.getMessage().contains("sslContext(...)") && e.getMessage().contains("TLS_CONTEXT")
                && e.getMessage().contains(Clients.provider().name()), e.getMessage());
    }

    private static void assertFailed(Recorder.Pair p) {
        p.rec.expectFailure();
        p.rec.expectNoMoreEvents();
        assertEquals(WebSocket.CLOSED, p.ws.readyState());
        Recorder.assertFailedWith(p.ws);
    }

    @Test
    void aCertificateTrustedThroughTheGivenSslContextConnects() {
        WebSocketInit.Builder init = Clients.init().sslContext(certificates.trusting());
        if (!tlsContext()) {
            assertRefused(server.wssUri("/echo").toString(), init);
            return;
        }
        Recorder.Pair p = Recorder.open(server.wssUri("/echo").toString(), init);
        p.rec.expectOpen();
        assertEquals(server.wssUri("/echo").toString(), p.ws.url());
        p.ws.send("over tls");
        assertEquals("over tls", p.rec.expectText());
        p.ws.close(1000, "done");
        p.rec.expectClose(1000, "done", true);
        p.rec.expectNoMoreEvents();
    }

    /** Without a context the JDK's default trust store applies, which does not know the test certificate. */
    @Test
    void anUntrustedCertificateFailsTheConnection() {
        Recorder.Pair p = Recorder.open(server.wssUri("/echo").toString(), Clients.init());
        assertFailed(p);
        String causes = Recorder.causes(p.ws.failure().orElseThrow());
        // Undertow reports a failed TLS handshake only as a closed channel (see the host-name test below).
        String expected = Clients.isUndertow() ? "ClosedChannelException" : "PKIX path building failed";
        assertTrue(causes.contains(expected), () -> "the trust check refused it: " + causes);
    }

    /** The certificate is trusted, but it names wrong.example, not 127.0.0.1: the host-name check fails it. */
    @Test
    void aTrustedCertificateForAnotherHostFailsTheConnection() {
        if (!tlsContext()) {
            assertRefused(server.wrongHostUri("/echo").toString(), Clients.init().sslContext(certificates.trusting()));
            return;
        }
        Recorder.Pair p = Recorder.open(server.wrongHostUri("/echo").toString(),
                Clients.init().sslContext(certificates.trusting()));
        assertFailed(p);
        String causes = Recorder.causes(p.ws.failure().orElseThrow());
        if (Clients.isUndertow()) {
            // Container limitation: Undertow closes the channel on the handshake failure and reports only that, without
            // the SSLHandshakeException. The same context connects to the port with the right certificate (the tests
            // around this one), so what differs is the host name the certificate names.
            assertTrue(causes.contains("ClosedChannelException"), () -> "Undertow's report: " + causes);
            return;
        }
        assertTrue(causes.contains("No subject alternative names matching IP address 127.0.0.1"),
                () -> "the host name check refused it: " + causes);
    }

    /** The same trusted context on the right host still connects after a refused one: nothing is cached wrongly. */
    @Test
    void theWrongHostDoesNotPoisonLaterConnections() {
        if (!tlsContext()) {
            assertRefused(server.wrongHostUri("/echo").toString(), Clients.init().sslContext(certificates.trusting()));
            return;
        }
        assertFailed(Recorder.open(server.wrongHostUri("/echo").toString(),
                Clients.init().sslContext(certificates.trusting())));
        Recorder.Pair ok = Recorder.open(server.wssUri("/echo").toString(),
                Clients.init().sslContext(certificates.trusting()));
        ok.rec.expectOpen();
        ok.ws.close();
        ok.rec.expectClose();
    }
}
