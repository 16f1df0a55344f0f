package io.github.wsbridge.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A bounded wait on state that fires no event to wait on (a thread dump, another process's threads). WebSocket events
 * are never waited for this way: they go through a recorder's bounded queue.
 */
public final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Polls {@code condition} until it holds or {@code bound} has passed; returns whether it holds. */
    public static boolean until(BooleanSupplier condition, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS); // the polling interval: nothing signals this state
        }
        return true;
    }
}
