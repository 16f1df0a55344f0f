package io.github.wsbridge.benchmarks.jmh;

import io.github.wsbridge.Event;
import io.github.wsbridge.MessageEvent;
import io.github.wsbridge.WebSocket;
import io.github.wsbridge.WebSocketInit;
import io.github.wsbridge.internal.SerialExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Event dispatch: a {@code MessageEvent} through {@code dispatchEvent} to an {@code onmessage} handler and an
 * {@code addEventListener} listener (the DOM's "dispatch" and "inner invoke" steps, the path every received message
 * takes), and one task through a socket's {@link SerialExecutor} on an inline executor (the queueing every event pays
 * before it).
 *
 * <p>The socket is real but never connects: its URL's port is on Fetch's bad-port list, so it fails at once, and
 * {@code dispatchEvent} still dispatches to its listeners.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventDispatchBenchmark {

    private WebSocket socket;
    private SerialExecutor tasks;
    private Blackhole sink;
    private final Runnable task = () -> sink.consume(1);

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        socket = new WebSocket("ws://127.0.0.1:1/", WebSocketInit.builder()
                .onmessage(event -> sink.consume(event.data()))
                .addEventListener("message", event -> sink.consume(event))
                .build());
        tasks = new SerialExecutor(Runnable::run, null, Throwable::printStackTrace);
        tasks.release();
    }

    @Benchmark
    public boolean dispatchMessageEvent() {
        return socket.dispatchEvent(new MessageEvent("message", "0123456789abcdef", "ws://127.0.0.1:1"));
    }

    @Benchmark
    public void serialExecutorTask() {
        tasks.execute(task);
    }

    /** An event nobody listens to: the cost of dispatch itself. */
    @Benchmark
    public boolean dispatchUnheardEvent() {
        return socket.dispatchEvent(new Event("unheard"));
    }
}
