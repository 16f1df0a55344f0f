package io.github.wsbridge.benchmarks;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.util.Map;

/**
 * One client process: {@code ClientMain CLIENT ECHO_URI HOLD_URI WORKLOAD...}. Runs the workloads one after the other and
 * prints one line per workload, {@code RESULT client=C workload=W metric=value ...}, for the harness to read.
 * Counts come from {@code bench.*} system properties ({@link Settings}). Exits with 1 on any failure.
 */
public final class ClientMain {

    private ClientMain() {
    }

    /** Every JVM client, in the order the harness interleaves them. */
    static final String[] JVM_CLIENTS = {"bridge-tyrus", "raw-tyrus", "bridge-tomcat", "raw-tomcat", "bridge-jetty",
        "raw-jetty", "jdk"};

    public static void main(String[] args) throws Exception {
        try {
            Client client = create(args[0], java.util.Arrays.asList(args).subList(2, args.length).contains("binary"));
            Workloads workloads = new Workloads(client, URI.create(args[1]), Settings.fromSystemProperties());
            for (int i = 2; i < args.length; i++) {
                Map<String, Object> figures;
                switch (args[i]) {
                    case "latency":
                        figures = workloads.latency();
                        break;
                    case "text":
                        figures = workloads.text();
                        break;
                    case "binary":
                        figures = workloads.binary();
                        break;
                    case "fanout":
                        figures = workloads.fanout();
                        break;
                    case "idle":
                        figures = workloads.idle();
                        break;
                    case "connect":
                        figures = workloads.connect();
                        break;
                    case "pending":
                        figures = workloads.pending();
                        break;
                    default:
                        throw new IllegalArgumentException("unknown workload " + args[i]);
                }
                StringBuilder line = new StringBuilder("RESULT client=").append(client.name()).append(" workload=")
                        .append(args[i]);
                figures.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
                System.out.println(line);
                System.out.flush();
            }
        } catch (Throwable e) {
            e.printStackTrace();
            System.out.flush();
            System.exit(1);
        }
        // Jetty's and Tomcat's containers keep non-daemon threads; the connections end with the process.
        System.exit(0);
    }

    static Client create(String name, boolean binaryMessages) {
        switch (name) {
            case "bridge-tyrus":
                return new BridgeClient(name, null); // wsbridge-tyrus, found by ServiceLoader
            case "bridge-tomcat":
                return new BridgeClient(name, Tomcat.container());
            case "bridge-jetty":
                return new BridgeClient(name, ContainerProvider.getWebSocketContainer());
            case "raw-tyrus":
                return new JakartaClient(name, Tyrus.container(), true, binaryMessages);
            case "raw-tomcat":
                return new JakartaClient(name, Tomcat.container(), false, binaryMessages);
            case "raw-jetty":
                return new JakartaClient(name, ContainerProvider.getWebSocketContainer(), false, binaryMessages);
            case "jdk":
                return new JdkClient();
            default:
                throw new IllegalArgumentException("unknown client " + name);
        }
    }

    /** Tomcat's classes are loaded only in a Tomcat process (each class path holds one container). */
    private static final class Tomcat {
        static WebSocketContainer container() {
            return new org.apache.tomcat.websocket.WsWebSocketContainer();
        }
    }

    /**
     * Tyrus configured as wsbridge-tyrus configures its own (TyrusProvider.sharedManager): one shared Grizzly transport
     * with the same worker pool, so that the two differ only by the bridge.
     */
    private static final class Tyrus {
        static WebSocketContainer container() {
            org.glassfish.tyrus.client.ClientManager m = org.glassfish.tyrus.client.ClientManager.createClient();
            Map<String, Object> p = m.getProperties();
            p.put(org.glassfish.tyrus.client.ClientProperties.SHARED_CONTAINER, true);
            int workers = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
            p.put(org.glassfish.tyrus.client.ClientProperties.WORKER_THREAD_POOL_CONFIG,
                    org.glassfish.tyrus.client.ThreadPoolConfig.defaultConfig().setPoolName("tyrus-client-worker")
                            .setDaemon(true).setCorePoolSize(workers).setMaxPoolSize(workers));
            return m;
        }
    }
}
