package io.github.wsbridge.example.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The example WAR on a real Payara Micro, in a separate JVM on 127.0.0.1: started, waited for, stopped.
 *
 * <p>Used by the integration tests (log to a file, ephemeral port) and by {@link RunExample} (log to the console, a
 * fixed port). Only JDK classes, so that {@code RunExample} runs from {@code target/test-classes} alone.
 *
 * <p>Readiness is bounded polling of the application's page: a 200 means Payara has booted, deployed the WAR and
 * serves it. The first request also gives the bot its default upstream (see {@code BotUpstream}).
 */
public final class PayaraMicro implements DeployedApp, AutoCloseable {

    /** The WAR's context path: its file name without {@code .war}, the same on Payara and WildFly. */
    public static final String CONTEXT = "/wsbridge-example";

    private static final Duration POLL = Duration.ofMillis(200);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;
    private long startupMillis;

    private PayaraMicro(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(this::destroy, "stop-payara-micro");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts Payara Micro with the WAR and waits until the page answers.
     *
     * @param microJar payara-micro.jar
     * @param war the WAR to deploy
     * @param preboot the pre-boot command file (loopback HTTP listener, no Hazelcast)
     * @param port the HTTP port on 127.0.0.1
     * @param log where Payara's output goes, or null to share this process's console
     * @param timeout how long to wait for the page
     * @throws IllegalStateException if the page does not answer in time or Payara exits; the message has the last
     *         lines of the log
     */
    public static PayaraMicro start(Path microJar, Path war, Path preboot, int port, Path log, Duration timeout)
            throws IOException, InterruptedException {
        for (Path p : new Path[] {microJar, war, preboot}) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(p + " does not exist: build with ./mvnw -pl example-war -am package");
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar", microJar.toString(),
                "--deploy", war.toString(),
                "--port", Integer.toString(port),
                "--nocluster",
                "--prebootcommandfile", preboot.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log == null) {
            builder.inheritIO();
        } else {
            Files.createDirectories(log.getParent());
            builder.redirectOutput(log.toFile());
        }
        long started = System.nanoTime();
        PayaraMicro server = new PayaraMicro(builder.start(), port, log);
        try {
            server.awaitPage(timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        server.startupMillis = (System.nanoTime() - started) / 1_000_000;
        return server;
    }

    /** A free TCP port on 127.0.0.1 right now (another process may still take it before Payara does). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPage(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(pageUri()).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with code " + process.exitValue()
                        + " before serving " + pageUri() + logTail());
            }
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (ConnectException | HttpTimeoutException e) {
                last = e.toString();
            }
            Thread.sleep(POLL.toMillis());   // polling interval of a bounded wait for an external process
        }
        throw new IllegalStateException("Payara Micro did not serve " + pageUri() + " within " + timeout.toSeconds()
                + " s (last: " + last + ")" + logTail());
    }

    /** {@code http://127.0.0.1:PORT/wsbridge-example/}. */
    @Override
    public URI pageUri() {
        return URI.create("http://127.0.0.1:" + port + CONTEXT + "/");
    }

    /** The HTTP port. */
    public int port() {
        return port;
    }

    /** How long it took from starting the JVM to the first 200 of the page. */
    public long startupMillis() {
        return startupMillis;
    }

    /** The log file, or null if Payara writes to the console. */
    public Path log() {
        return log;
    }

    /** Waits for Payara Micro to exit by itself (for {@link RunExample}). */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** The last 60 lines of the log, as a message suffix, or "" without a log file. */
    public String logTail() {
        if (log == null) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "\n(could not read " + log + ": " + e + ")";
        }
    }

    /** Stops Payara Micro: a normal shutdown (it undeploys, so the bot closes with 1001), forced after 20 s. */
    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran
        }
    }

    private void destroy() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
