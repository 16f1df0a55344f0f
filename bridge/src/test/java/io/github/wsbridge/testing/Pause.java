package io.github.wsbridge.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The delays that some WPT handlers are defined by (a slow handshake, a late Close, a slow reader). Unlike a plain
 * sleep, every pause ends early once its server is closing, so stopping a server never waits for a 10 s handshake.
 */
final class Pause {

    private final CountDownLatch stopping = new CountDownLatch(1);

    /**
     * Blocks the calling server thread for {@code millis}, or less if the server is closing.
     *
     * @return true if the whole pause elapsed, false if it was cut short because the server is closing
     */
    boolean sleep(long millis) {
        if (millis <= 0) {
            return true;
        }
        try {
            return !stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends all current and future pauses. */
    void release() {
        stopping.countDown();
    }
}
