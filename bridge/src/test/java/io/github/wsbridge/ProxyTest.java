package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.spi.Capability;
import io.github.wsbridge.testing.ConnectProxy;
import io.github.wsbridge.testing.TestCertificates;
import io.github.wsbridge.testing.WptServer;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code WebSocketInit.proxy}: through a real HTTP CONNECT proxy on loopback (Jetty's ConnectHandler), with and without
 * proxy authentication, for ws and wss, on a provider with {@link Capability#PROXY}; and fail-fast on one without.
 */
class ProxyTest {

    private static TestCertificates certificates;
    private static WptServer server;
    private static ConnectProxy proxy;
    private static ConnectProxy authenticating;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.generate();
        server = WptServer.startTls(certificates);
        proxy = ConnectProxy.open();
        authenticating = ConnectProxy.withCredentials("alice", "s3cret");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        proxy.close();
        authenticating.close();
    }

    private static boolean proxies() {
        return Clients.capabilities().contains(Capability.PROXY);
    }

    /**
     * On a provider without PROXY, the option is refused at construction, naming option, capability and provider, and
     * nothing reaches the proxy.
     */
    private static void assertRefused(ConnectProxy p, String proxyUrl, String url) {
        p.connects().clear();
        WebSocketInit init = Clients.init().proxy(proxyUrl).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WebSocket(url, init));
        assertTrue(e.getMessage().contains("proxy(...)") && e.getMessage().contains("PROXY")
                && e.getMessage().contains(Clients.provider().name()), e.getMessage());
        assertTrue(p.connects().isEmpty(), "nothing reached the proxy");
    }

    private static String next(ConnectProxy p) throws InterruptedException {
        String seen = p.connects().poll(10, TimeUnit.SECONDS);
        assertTrue(seen != null, "the proxy saw no CONNECT");
        return seen;
    }

    private static void echoThenClose(Recorder.Pair p) {
        p.rec.expectOpen();
        p.ws.send("via proxy");
        assertEquals("via proxy", p.rec.expectText());
        p.ws.close(1000, "bye");
        p.rec.expectClose(1000, "bye", true);
        p.rec.expectNoMoreEvents();
    }

    /** Which providers take the option: wsbridge-tyrus's, and no generic one (no proxy API in Jakarta WebSocket). */
    @Test
    void onlyTheTyrusProviderHasProxySupport() {
        assertEquals(Clients.viaServiceLoader(), proxies(), () -> Clients.provider() + " " + Clients.capabilities());
    }

    @Test
    void wsGoesThroughTheProxy() throws Exception {
        if (!proxies()) {
            assertRefused(proxy, proxy.url(), server.uri("/echo").toString());
            return;
        }
        proxy.connects().clear();
        echoThenClose(Recorder.open(server.uri("/echo").toString(), Clients.init().proxy(proxy.url())));
        assertEquals("CONNECT 127.0.0.1:" + server.port(), next(proxy));
    }

    @Test
    void wssGoesThroughTheProxyAndStillVerifiesTheServer() throws Exception {
        if (!proxies()) {
            assertRefused(proxy, proxy.url(), server.wssUri("/echo").toString());
            return;
        }
        proxy.connects().clear();
        echoThenClose(Recorder.open(server.wssUri("/echo").toString(),
                Clients.init().proxy(proxy.url()).sslContext(certificates.trusting())));
        assertTrue(next(proxy).startsWith("CONNECT 127.0.0.1:"));
        Recorder.Pair wrong = Recorder.open(server.wrongHostUri("/echo").toString(),
                Clients.init().proxy(proxy.url()).sslContext(certificates.trusting()));
        wrong.rec.expectFailure();
        wrong.rec.expectNoMoreEvents();
        assertEquals("CONNECT " + server.wrongHostUri("/").getAuthority(), next(proxy), "tunnelled through the proxy");
        String all = Recorder.causes(wrong.ws.failure().orElseThrow());
        assertTrue(all.contains("No subject alternative names matching IP address 127.0.0.1"),
                () -> "refused by the host-name check: " + all);
    }

    @Test
    void proxyCredentialsFromTheUrlAreSentAsBasicAuthentication() throws Exception {
        if (!proxies()) {
            assertRefused(authenticating, authenticating.url("alice", "s3cret"), server.uri("/echo").toString());
            return;
        }
        authenticating.connects().clear();
        echoThenClose(Recorder.open(server.uri("/echo").toString(),
                Clients.init().proxy(authenticating.url("alice", "s3cret"))));
        assertEquals("CONNECT 127.0.0.1:" + server.port(), next(authenticating));
    }

    @Test
    void aProxyRefusingTheCredentialsFailsTheConnection() throws Exception {
        if (!proxies()) {
            assertRefused(authenticating, authenticating.url(), server.uri("/echo").toString());
            return;
        }
        for (String url : new String[] {authenticating.url(), authenticating.url("alice", "wrong")}) {
            authenticating.connects().clear();
            Recorder.Pair p = Recorder.open(server.uri("/echo").toString(), Clients.init().proxy(url));
            p.rec.expectFailure();
            p.rec.expectNoMoreEvents();
            assertEquals(WebSocket.CLOSED, p.ws.readyState());
            assertEquals("REFUSED 127.0.0.1:" + server.port(), next(authenticating));
            Recorder.assertFailedWith(p.ws);
            assertTrue(p.ws.failure().orElseThrow().toString().contains("407"),
                    () -> "the failure names the proxy's 407: " + p.ws.failure());
        }
    }

    @Test
    void anUnreachableProxyFailsTheConnection() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        if (!proxies()) {
            assertRefused(proxy, "http://127.0.0.1:" + closedPort, server.uri("/echo").toString());
            return;
        }
        Recorder.Pair p = Recorder.open(server.uri("/echo").toString(),
                Clients.init().proxy("http://127.0.0.1:" + closedPort));
        p.rec.expectFailure();
        p.rec.expectNoMoreEvents();
        assertEquals(OptionalInt.empty(), p.ws.failure().orElseThrow().httpStatus());
    }
}
