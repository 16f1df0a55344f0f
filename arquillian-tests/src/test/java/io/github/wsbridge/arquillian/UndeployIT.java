package io.github.wsbridge.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.arquillian.undeploy.PeerSockets;
import io.github.wsbridge.testing.Await;
import io.github.wsbridge.testing.Frame;
import io.github.wsbridge.testing.RawConnection;
import io.github.wsbridge.testing.RawServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * From outside the server: an application whose sockets are open is undeployed. With the {@code WebSockets} recipe
 * (a {@link io.github.wsbridge.WebSocketGroup} closed in {@code @PreDestroy}), its peer, a server in this JVM, sees each
 * socket's Close 1001 (Going Away), and the server is left without a thread of the bridge. Without it, no server
 * closes them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UndeployIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RawServer PEER = startPeer();

    private static RawServer startPeer() {
        try {
            return RawServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lists the server's threads; it stays deployed after the application is gone. */
    @Deployment(name = "probe", testable = false, order = 1)
    static WebArchive probe() {
        return Deployments.probe();
    }

    /** Opens {@value PeerSockets#SOCKETS} sockets to {@link #PEER} when it starts. */
    @Deployment(name = "app", managed = false, testable = false, order = 2)
    static WebArchive app() {
        return Deployments.peerSockets(PEER.uri("/echo").toString(), false);
    }

    /** The same with plain sockets: {@code new WebSocket(url)}, no group, the bridge's own event threads. */
    @Deployment(name = "plain-app", managed = false, testable = false, order = 3)
    static WebArchive plainApp() {
        return Deployments.peerSockets(PEER.uri("/echo").toString(), true);
    }

    /** The example application, its bot pointed at {@link #PEER}. */
    @Deployment(name = "example", managed = false, testable = false, order = 4)
    static WebArchive example() {
        return Deployments.exampleWithBotUpstream(PEER.uri("/echo?bot").toString());
    }

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment("probe")
    URL probe;

    @AfterAll
    static void stopPeer() {
        PEER.close();
    }

    @Test
    @Order(1)
    void undeployingClosesTheApplicationsSocketsWith1001AndLeavesNoBridgeThread() throws Exception {
        deployer.deploy("app");
        List<RawConnection> peers = new ArrayList<>();
        Set<String> hellos = new TreeSet<>();
        for (int i = 0; i < PeerSockets.SOCKETS; i++) {
            RawConnection c = PEER.nextConnection("/echo", WAIT);
            peers.add(c);
            hellos.add(c.awaitFrame(WAIT).text());
        }
        assertEquals(Set.of("hello 0", "hello 1", "hello 2"), hellos, "every socket opened and spoke");

        deployer.undeploy("app");

        for (RawConnection c : peers) {
            Frame close = c.awaitClose(WAIT);
            assertEquals(1001, close.closeCode(), () -> c.query() + ": the peer sees Going Away, got " + close);
        }
        Server server = Server.current();
        if (server.survivesUndeploy()) {
            // The bridge's idle threads end 2 s after their last task (docs/containers.md); give them ten times that.
            boolean gone = Await.until(() -> bridgeThreads().isEmpty(), Duration.ofSeconds(20));
            assertTrue(gone, () -> server.id() + " still has the bridge's threads " + bridgeThreads());
        }
        // On Payara Micro undeploying stops the server's JVM (one per deployment), threads and all.
    }

    /**
     * Why the recipe has a group: no server closes the sockets of an application that does not close them itself.
     * GlassFish and WildFly leave them open after the application is gone (its classes and listeners with them);
     * Payara Micro's JVM stops under them, so their peers see TCP end without a closing handshake (1006).
     */
    @Test
    @Order(2)
    void withoutAGroupNoServerClosesTheSocketsOfAnUndeployedApplication() throws Exception {
        deployer.deploy("plain-app");
        List<RawConnection> peers = new ArrayList<>();
        for (int i = 0; i < PeerSockets.SOCKETS; i++) {
            RawConnection c = PEER.nextConnection("/echo", WAIT);
            peers.add(c);
            c.awaitFrame(WAIT);
        }
        deployer.undeploy("plain-app");

        if (Server.current().survivesUndeploy()) {
            // Bounded wait for something that must not happen: 3 s for a Close on the first socket.
            assertThrows(AssertionError.class, () -> peers.get(0).awaitClose(Duration.ofSeconds(3)));
            for (RawConnection c : peers) {
                assertFalse(c.hasEnded(), () -> c.query() + " is still open: " + c.frames());
                assertTrue(c.frames().stream().noneMatch(Frame::isClose), () -> c.query() + ": " + c.frames());
            }
        } else {
            for (RawConnection c : peers) {
                assertTrue(c.awaitEnd(WAIT), () -> c.query() + ": TCP ends with the server's JVM");
                assertTrue(c.frames().stream().noneMatch(Frame::isClose), () -> c.query() + ": " + c.frames());
            }
        }
    }

    /** The example's bot (a WebSocketGroup closed in its {@code @PreDestroy}) says Going Away to its upstream. */
    @Test
    @Order(3)
    void theExampleBotClosesWith1001WhenItsApplicationIsUndeployed() {
        deployer.deploy("example");
        RawConnection bot = PEER.nextConnection("/echo", WAIT);
        assertEquals("bot", bot.query());

        deployer.undeploy("example");

        Frame close = bot.awaitClose(WAIT);
        assertEquals(1001, close.closeCode(), () -> "the bot's upstream sees Going Away, got " + close);
    }

    private List<String> bridgeThreads() {
        try {
            HttpResponse<String> threads = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(probe + "threads")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, threads.statusCode(), threads::body);
            return threads.body().lines().filter(name -> name.startsWith("wsbridge-")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
