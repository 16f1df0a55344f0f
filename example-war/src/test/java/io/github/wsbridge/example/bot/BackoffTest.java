package io.github.wsbridge.example.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15));

    @Test
    void doublesFromFirstUpToMax() {
        long[] expected = {500, 1000, 2000, 4000, 8000, 15000, 15000};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Duration.ofMillis(expected[i]), backoff.delay(i + 1), "failure " + (i + 1));
        }
        assertEquals(Duration.ofSeconds(15), backoff.delay(Integer.MAX_VALUE));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
