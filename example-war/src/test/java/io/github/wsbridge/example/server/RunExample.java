package io.github.wsbridge.example.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The run command's launcher ({@code ./mvnw -pl example-war -am -Prun -DskipTests package}): starts Payara Micro with the
 * WAR on 127.0.0.1, prints the URL to open once the page answers, and runs until Payara exits or this process is
 * stopped (Ctrl+C stops both).
 *
 * <p>Arguments: {@code payara-micro.jar example.war preboot.txt port}.
 */
public final class RunExample {

    private RunExample() {
    }

    /**
     * Runs the example.
     *
     * @param args payara-micro.jar, the WAR, the pre-boot command file, the HTTP port
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: RunExample payara-micro.jar example.war preboot.txt port");
            System.exit(2);
        }
        int port = Integer.parseInt(args[3]);
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();   // free now; Payara binds it next
        } catch (IOException e) {
            System.err.println("\nPort " + port + " on 127.0.0.1 is in use (" + e.getMessage()
                    + "). Choose another with -Dexample.port=9090");
            System.exit(1);
            return;
        }
        PayaraMicro server;
        try {
            server = PayaraMicro.start(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), port, null,
                    Duration.ofSeconds(180));
        } catch (IllegalStateException e) {
            System.err.println("\nThe example did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.printf("%n%s%n  wsbridge example is running (Payara Micro ready in %.1f s).%n"
                + "  Open %s in two browser tabs, join, and say \"@bot help\".%n  Ctrl+C stops it.%n%s%n%n",
                "=".repeat(78), server.startupMillis() / 1000.0, server.pageUri(), "=".repeat(78));
        System.exit(server.waitFor());
    }
}
