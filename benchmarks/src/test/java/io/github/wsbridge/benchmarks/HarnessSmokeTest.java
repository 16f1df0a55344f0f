package io.github.wsbridge.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness for real, with tiny counts: the echo server in its own JVM, every client in its own process (Node
 * included), each workload once; then the report and chart it writes. Asserts what was measured and written, never how
 * fast.
 */
class HarnessSmokeTest {

    @TempDir
    static Path dir;

    private static Results results;
    private static String markdown;
    private static byte[] png;

    @BeforeAll
    static void runTheHarnessOnce() throws Exception {
        Settings settings = Settings.smoke();
        Harness harness = new Harness(settings, Classpaths.fromSystemProperties(), dir.resolve("work"));
        results = harness.run(Harness.CLIENTS, Harness.WORKLOADS, false);
        Path md = dir.resolve("docs/performance.md");
        Files.createDirectories(md.getParent());
        Files.writeString(md, "# Performance\n\nprose before\n\n" + Report.BEGIN + "\nold\n" + Report.END + "\nprose after\n");
        new Report(results, List.of(), settings, Duration.ofSeconds(1), Map.of("CPU", "test"))
                .write(md, dir.resolve("docs/performance.png"));
        markdown = Files.readString(md);
        png = Files.readAllBytes(dir.resolve("docs/performance.png"));
    }

    @Test
    void everyClientReportsEveryWorkloadItHas() {
        for (String workload : Harness.WORKLOADS) {
            List<String> expected = new ArrayList<>(Harness.CLIENTS);
            if (!Harness.NODE_WORKLOADS.contains(workload)) {
                expected.remove("node");
            }
            assertEquals(expected, new ArrayList<>(results.clients(workload)), workload);
        }
    }

    @Test
    void ratesAndLatenciesArePositiveNumbers() {
        String[][] figures = {{"latency", "p50_us"}, {"latency", "p99_us"}, {"latency", "p999_us"},
            {"text", "msgs_per_s"}, {"text", "mb_per_s"}, {"binary", "msgs_per_s"}, {"binary", "mb_per_s"},
            {"fanout", "rtt_per_s"}, {"fanout", "p99_us"}, {"connect", "seq_per_s"}, {"connect", "par_per_s"}};
        for (String[] f : figures) {
            for (String client : results.clients(f[0])) {
                List<Double> values = results.numbers(f[0], client, f[1]);
                assertEquals(1, values.size(), client + " " + f[0] + " " + f[1]);
                assertTrue(values.get(0) > 0 && Double.isFinite(values.get(0)), client + " " + f[0] + " " + f[1] + " = "
                        + values);
            }
        }
    }

    @Test
    void binaryThroughputCountsSixtyFourKibPerMessage() {
        for (String client : results.clients("binary")) {
            double msgs = results.numbers("binary", client, "msgs_per_s").get(0);
            double mb = results.numbers("binary", client, "mb_per_s").get(0);
            assertEquals(msgs * 65536 / 1e6, mb, mb * 1e-6, client);
        }
    }

    @Test
    void idleConnectionsAreCountedWithTheirThreads() {
        for (String client : results.clients("idle")) {
            assertEquals(1, results.numbers("idle", client, "heap_per_conn_bytes").size(), client);
            double threads = results.numbers("idle", client, "threads").get(0);
            assertTrue(threads >= 1, client + " threads " + threads);
            String census = results.raw("idle", client, "threads_by_name").get(0);
            assertTrue(census.contains("main:1"), client + ": " + census);
        }
    }

    @Test
    void pendingConnectsShowWhichThreadsWait() {
        // The generic provider runs Tomcat's blocking connectToServer on wsbridge-io threads; wsbridge-tyrus hands the
        // connect to Tyrus, whose connector tasks wait for the 101 instead.
        String tomcat = results.raw("pending", "bridge-tomcat", "threads_during_by_name").get(0);
        assertTrue(tomcat.contains("wsbridge-io-#:"), tomcat);
        String tyrus = results.raw("pending", "bridge-tyrus", "threads_during_by_name").get(0);
        assertTrue(tyrus.contains("tyrus-connector-#:"), tyrus);
    }

    @Test
    void pendingConnectsNeverOpenAndAllReachTheHoldingServerBeforeTheCount() {
        for (String client : results.clients("pending")) {
            assertEquals(List.of(5.0), results.numbers("pending", client, "pending"), client);
            assertEquals(List.of(5.0), results.numbers("pending", client, "reached_server"), client);
        }
    }

    @Test
    void theReportReplacesOnlyItsOwnSectionAndShowsTheChart() {
        assertTrue(markdown.startsWith("# Performance\n\nprose before\n\n" + Report.BEGIN), markdown);
        assertTrue(markdown.endsWith(Report.END + "\nprose after\n"), markdown);
        assertTrue(!markdown.contains("\nold\n"), markdown);
        assertTrue(markdown.contains("![bridge ÷ raw JSR-356 on the same container](performance.png)"), markdown);
        assertTrue(markdown.contains("| throughput ≥ 0.95 × raw (64 B text, msgs/s) | tyrus |"), markdown);
        assertTrue(markdown.contains("| p99 latency ≤ 1.10 × raw | jetty |"), markdown);
        assertTrue(markdown.contains("| bridge-tomcat |"), markdown);
        assertTrue(markdown.contains("| node |"), markdown);
        assertTrue(!markdown.contains("not measured"), markdown);
    }

    @Test
    void theChartIsAPng() {
        assertTrue(png.length > 1000, "png of " + png.length + " bytes");
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
