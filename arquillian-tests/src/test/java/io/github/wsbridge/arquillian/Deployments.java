package io.github.wsbridge.arquillian;

import io.github.wsbridge.WebSocket;
import io.github.wsbridge.arquillian.app.TestEndpoints;
import io.github.wsbridge.arquillian.probe.ThreadsServlet;
import io.github.wsbridge.arquillian.undeploy.PeerSockets;
import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WARs this module deploys, built in the test JVM. */
final class Deployments {

    private Deployments() {
    }

    /**
     * The bridge as an application has it: its built jar (or, from an IDE, its classes directory) as
     * {@code WEB-INF/lib/wsbridge.jar}, without the Jakarta WebSocket API, which the server provides.
     */
    static JavaArchive bridge() {
        File location;
        try {
            location = new File(WebSocket.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (location.isDirectory()) {
            return ShrinkWrap.create(ExplodedImporter.class, "wsbridge.jar").importDirectory(location)
                    .as(JavaArchive.class);
        }
        return ShrinkWrap.create(ZipImporter.class, "wsbridge.jar").importFrom(location).as(JavaArchive.class);
    }

    /** An application with the bridge, the CDI recipe and the recorder, named for the server it is built for. */
    private static WebArchive withBridge(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addAsLibrary(bridge())
                .addPackage(TestEndpoints.class.getPackage())
                .addClasses(Recorder.class, Recorder.Recorded.class, Server.class)
                .addAsResource(new StringAsset(Server.current().id()), Server.RESOURCE)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /** The in-container tests' application: the bridge and the endpoints it talks to, in one WAR. */
    static WebArchive inContainer() {
        return withBridge("wsbridge-it.war");
    }

    /**
     * The application that opens sockets to {@code peerUrl} when it starts, for the undeploy tests: through the
     * {@code WebSockets} recipe, or ({@code plain}) with no option at all.
     */
    static WebArchive peerSockets(String peerUrl, boolean plain) {
        WebArchive war = withBridge(plain ? "wsbridge-undeploy-plain.war" : "wsbridge-undeploy.war")
                .addClass(PeerSockets.class)
                .addAsResource(new StringAsset(peerUrl), PeerSockets.PEER);
        return plain ? war.addAsResource(EmptyAsset.INSTANCE, PeerSockets.PLAIN) : war;
    }

    /** A probe without the bridge that lists the server's threads. */
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "wsbridge-probe.war").addClass(ThreadsServlet.class);
    }

    /**
     * The example application with its bot pointed at {@code upstream} (the context parameter
     * {@code wsbridge.example.upstream}, see docs/example.md).
     */
    static WebArchive exampleWithBotUpstream(String upstream) {
        return example().setWebXML(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param>
                    <param-name>wsbridge.example.upstream</param-name>
                    <param-value>%s</param-value>
                  </context-param>
                </web-app>
                """.formatted(upstream)));
    }

    /** The example application, as built by the example-war module. */
    static WebArchive example() {
        String path = System.getProperty("example.war");
        File war = path == null ? null : new File(path);
        if (war == null || !war.isFile()) {
            throw new IllegalStateException("The example WAR is missing (" + path + "): run the tests through Maven"
                    + " (./mvnw verify), which builds it and copies it there");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
