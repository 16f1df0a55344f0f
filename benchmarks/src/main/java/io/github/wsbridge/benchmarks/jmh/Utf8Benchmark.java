package io.github.wsbridge.benchmarks.jmh;

import io.github.wsbridge.internal.Utf8;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code send(String)}'s UTF-8 work: the USVString conversion ({@link Utf8#toUsvString}) and the byte count that
 * {@code bufferedAmount} grows by ({@link Utf8#encodedLength}), on the harness's 64-byte message, on text with 2-, 3- and
 * 4-byte characters, and on 64 KiB. Both should allocate nothing for well-formed input.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Utf8Benchmark {

    @Param({"ascii64", "mixed64", "ascii64k"})
    public String input;

    private String text;

    @Setup
    public void setUp() {
        switch (input) {
            case "ascii64":
                text = "0123456789abcdef".repeat(4);
                break;
            case "mixed64":
                text = "aé€\uD83D\uDE00".repeat(13); // 1, 2, 3 and 4 bytes: 65 chars
                break;
            default:
                text = "0123456789abcdef".repeat(4096);
                break;
        }
    }

    @Benchmark
    public long encodedLength() {
        return Utf8.encodedLength(text);
    }

    @Benchmark
    public String toUsvString() {
        return Utf8.toUsvString(text);
    }
}
