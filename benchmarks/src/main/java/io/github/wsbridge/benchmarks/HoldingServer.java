package io.github.wsbridge.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TCP server on 127.0.0.1, in the client's own JVM, that accepts connections and never reads or answers the
 * handshake: a connect to it stays pending. It counts what it accepted, so the pending-connect census waits for the
 * connects to arrive (with a bound) instead of sleeping for a guessed time.
 *
 * <p>Thread-safe: one {@code hold-accept} thread accepts, any thread may wait or close.
 */
final class HoldingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> held = new ArrayList<>(); // guarded by this

    HoldingServer() throws IOException {
        socket = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAll, "hold-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A WebSocket URL on this server. */
    URI uri() {
        return URI.create("ws://127.0.0.1:" + socket.getLocalPort() + "/echo");
    }

    private void acceptAll() {
        for (;;) {
            Socket accepted;
            try {
                accepted = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            synchronized (this) {
                held.add(accepted);
                notifyAll();
            }
        }
    }

    /** Waits until {@code n} connections were accepted or {@code millis} passed; returns how many were accepted. */
    synchronized int awaitAccepted(int n, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = deadline - System.nanoTime(); held.size() < n && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return held.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (this) {
            for (Socket s : held) {
                s.close();
            }
            held.clear();
        }
    }
}
