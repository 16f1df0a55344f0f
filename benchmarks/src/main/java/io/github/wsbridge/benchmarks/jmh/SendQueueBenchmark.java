package io.github.wsbridge.benchmarks.jmh;

import io.github.wsbridge.internal.SendQueue;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The send queue's own cost per message: {@code offer}, the pump, the completion and {@code applyDrained}, with the pump
 * run on the calling thread and a transport that completes each send at once (as a container does when its socket
 * buffer has room). The real pump runs on a {@code wsbridge-io} thread; the thread hop is in the loopback harness's
 * figures, not here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SendQueueBenchmark {

    private static final SendResult OK = new SendResult();
    private static final String TEXT_64 = "0123456789abcdef".repeat(4);

    private SendQueue queue;
    private final ByteBuffer binary = ByteBuffer.allocate(64);

    /** Completes every send inline; sends never block, so they go out on the caller's thread (Tyrus, Jetty, Undertow). */
    static final class InlineTransport implements SendQueue.Transport {
        @Override
        public boolean sendsWithoutBlocking(Object payload) {
            return true;
        }

        @Override
        public void sendText(String text, SendHandler done) {
            done.onResult(OK);
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler done) {
            done.onResult(OK);
        }

        @Override
        public void sendClose(Integer code, String reason) {
        }
    }

    @Setup
    public void setUp() {
        SendQueue[] self = new SendQueue[1];
        queue = new SendQueue(new SendQueue.Owner() {
            @Override
            public void drained(boolean mayApplyHere) {
                self[0].applyDrained();
            }

            @Override
            public void sendFailed(Throwable cause) {
                throw new IllegalStateException(cause);
            }

            @Override
            public void full(long limit) {
                throw new IllegalStateException("full");
            }
        }, 64L << 20, Runnable::run);
        self[0] = queue;
        queue.open(new InlineTransport());
    }

    @Benchmark
    public SendQueue.Offer offerText() {
        return queue.offer(TEXT_64, 64);
    }

    @Benchmark
    public SendQueue.Offer offerBinary() {
        return queue.offer(binary.duplicate());
    }
}
