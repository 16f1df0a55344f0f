package io.github.wsbridge.example.bot;

import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential backoff: the n-th reconnect in a row waits {@code first * 2^(n-1)}, never more than {@code max}.
 * No jitter: there is one bot per server, so there is no herd to spread out.
 *
 * @param first the wait before the first reconnect
 * @param max the longest wait
 */
public record Backoff(Duration first, Duration max) {

    /** Checks that {@code 0 < first <= max}. */
    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, not first=" + first + ", max=" + max);
        }
    }

    /**
     * The wait before reconnect number {@code failures} of a row.
     *
     * @param failures how many connections in a row ended without lasting (1 for the first)
     */
    public Duration delay(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures starts at 1, not " + failures);
        }
        int doublings = Math.min(failures - 1, 30);
        long millis = first.toMillis() << doublings;
        return millis >= max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
