package io.github.wsbridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the run's tables into {@code docs/performance.md}, between the markers {@link #BEGIN} and {@link #END} (the
 * prose around them is kept), and draws {@code docs/performance.png} with {@link Chart}.
 */
final class Report {

    static final String BEGIN = "<!-- benchmark results: written by the harness (Harness.java); do not edit by hand -->";
    static final String END = "<!-- end of benchmark results -->";

    /** The containers the bridge runs on here, as in the client names ({@code bridge-X}, {@code raw-X}). */
    static final List<String> CONTAINERS = List.of("tyrus", "tomcat", "jetty");

    private final Results results;
    private final List<Jmh.Row> jmh;
    private final Settings settings;
    private final Duration took;
    private final Map<String, String> machine;

    Report(Results results, List<Jmh.Row> jmh, Settings settings, Duration took, Map<String, String> machine) {
        this.results = results;
        this.jmh = jmh;
        this.settings = settings;
        this.took = took;
        this.machine = machine;
    }

    void write(Path markdown, Path png) throws IOException {
        Files.createDirectories(markdown.toAbsolutePath().getParent());
        new Chart(results).write(png);
        String generated = BEGIN + "\n" + tables(png.getFileName().toString()) + END + "\n";
        String doc;
        if (Files.exists(markdown)) {
            String old = Files.readString(markdown);
            int b = old.indexOf(BEGIN);
            int e = old.indexOf(END);
            doc = b >= 0 && e > b ? old.substring(0, b) + generated + old.substring(e + END.length()).replaceFirst("^\n", "")
                    : old + "\n" + generated;
        } else {
            doc = "# Performance\n\n" + generated;
        }
        Files.writeString(markdown, doc);
    }

    /** The generated part of the document. */
    String tables(String chartFile) {
        StringBuilder md = new StringBuilder();
        md.append("\n### This run\n\n");
        md.append("- Written: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" UTC, ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s in all\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("- Counts: `").append(settings).append("`\n");
        md.append("- Each figure: median (min–max) over ").append(settings.repeats)
                .append(" repeats (idle: ").append(settings.idleRepeats).append(", pending: ").append(settings.pendingRepeats)
                .append("); a ratio is taken per repeat (the two clients ran next to each other), then its median"
                        + " (min–max).\n\n");
        md.append("![bridge ÷ raw JSR-356 on the same container](").append(chartFile).append(")\n\n");
        targets(md);
        ratios(md);
        workloadTables(md);
        jmhTable(md);
        if (!results.failures().isEmpty()) {
            md.append("### Client processes that failed (their figures are missing above)\n\n");
            results.failures().forEach((label, why) -> md.append("- ").append(label).append(": `")
                    .append(firstCause(why)).append("`\n"));
            md.append('\n');
        }
        return md.toString();
    }

    // ---- targets ----

    private void targets(StringBuilder md) {
        md.append("### Targets\n\n| target | container | measured | verdict |\n|---|---|---|---|\n");
        for (String c : CONTAINERS) {
            for (String w : List.of("text", "binary")) {
                Results.Stats r = results.ratio(w, "bridge-" + c, "raw-" + c, "msgs_per_s");
                row(md, "throughput ≥ 0.95 × raw (" + (w.equals("text") ? "64 B text" : "64 KiB binary") + ", msgs/s)", c,
                        r == null ? null : ratio(r) + " ×", r == null ? null : r.median() >= 0.95);
            }
        }
        for (String c : CONTAINERS) {
            Results.Stats r = results.ratio("latency", "bridge-" + c, "raw-" + c, "p99_us");
            row(md, "p99 latency ≤ 1.10 × raw", c, r == null ? null : ratio(r) + " ×", r == null ? null : r.median() <= 1.10);
        }
        for (String c : CONTAINERS) {
            Results.Stats d = results.difference("idle", "bridge-" + c, "raw-" + c, "heap_per_conn_bytes");
            row(md, "heap per idle connection ≤ raw + 2 KiB", c, d == null ? null : "raw " + signed(d) + " B",
                    d == null ? null : d.median() <= 2048);
        }
        for (String c : CONTAINERS) {
            List<Double> ownTenth = results.numbers("idle", "bridge-" + c, "bridge_threads_at_tenth");
            List<Double> own = results.numbers("idle", "bridge-" + c, "bridge_threads");
            String measured = null;
            Boolean met = null;
            if (!own.isEmpty() && own.size() == ownTenth.size()) {
                boolean grew = false;
                for (int i = 0; i < own.size(); i++) {
                    grew |= own.get(i) > ownTenth.get(i);
                }
                Results.Stats all = results.stats("idle", "bridge-" + c, "threads");
                Results.Stats raw = results.stats("idle", "raw-" + c, "threads");
                Results.Stats peak = results.stats("idle", "bridge-" + c, "peak_threads");
                measured = "wsbridge-* threads " + num(Results.Stats.of(ownTenth).median()) + " at "
                        + Math.max(1, settings.idleConnections / 10) + " connections, "
                        + num(Results.Stats.of(own).median()) + " at " + settings.idleConnections
                        + "; all live threads " + num(all.median()) + " (raw " + (raw == null ? "–" : num(raw.median()))
                        + "), peak while connecting " + num(peak.median());
                met = !grew;
            }
            row(md, "the bridge's thread count does not grow with the number of connections", c, measured, met);
        }
        Results.Stats pending = results.stats("pending", "bridge-tyrus", "threads_added");
        String names = last(results.raw("pending", "bridge-tyrus", "threads_added_by_name"));
        row(md, "with wsbridge-tyrus no thread waits per pending connect (" + settings.pendingConnects + " pending)",
                "tyrus", pending == null ? null : num(pending.median()) + " threads added: " + names,
                pending == null ? null : pending.median() == 0);
        for (String c : CONTAINERS) {
            ahead(md, c, "text", "msgs_per_s", true, "text throughput");
            ahead(md, c, "binary", "msgs_per_s", true, "binary throughput");
            ahead(md, c, "latency", "p99_us", false, "p99 latency");
        }
        md.append('\n');
    }

    private void ahead(StringBuilder md, String container, String workload, String metric, boolean higherIsBetter,
            String what) {
        Results.Stats bridge = results.stats(workload, "bridge-" + container, metric);
        Results.Stats jdk = results.stats(workload, "jdk", metric);
        Results.Stats node = results.stats(workload, "node", metric);
        if (bridge == null || (jdk == null && node == null)) {
            row(md, "ahead of Node's WebSocket and the JDK client: " + what, container, null, null);
            return;
        }
        boolean met = true;
        StringBuilder measured = new StringBuilder("bridge " + num(bridge.median()));
        for (String[] other : new String[][] {{"JDK", "jdk"}, {"Node", "node"}}) {
            Results.Stats s = other[1].equals("jdk") ? jdk : node;
            if (s == null) {
                continue;
            }
            measured.append(", ").append(other[0]).append(' ').append(num(s.median()));
            met &= higherIsBetter ? bridge.median() > s.median() : bridge.median() < s.median();
        }
        row(md, "ahead of Node's WebSocket and the JDK client: " + what + " (" + unit(metric) + ")", container,
                measured.toString(), met);
    }

    private static void row(StringBuilder md, String target, String container, String measured, Boolean met) {
        md.append("| ").append(target).append(" | ").append(container).append(" | ")
                .append(measured == null ? "not measured" : measured).append(" | ")
                .append(met == null ? "–" : met ? "met" : "**missed**").append(" |\n");
    }

    // ---- ratios ----

    private void ratios(StringBuilder md) {
        md.append("### Bridge ÷ raw JSR-356 on the same container\n\n"
                + "Above 1 is more for the bridge: for rates that is faster, for latencies and heap that is slower.\n\n"
                + "| figure | Tyrus (wsbridge-tyrus) | Tomcat | Jetty |\n|---|---|---|---|\n");
        String[][] figures = {
            {"latency", "p50_us", "latency p50"}, {"latency", "p99_us", "latency p99"}, {"latency", "p999_us", "latency p99.9"},
            {"text", "msgs_per_s", "64 B text, msgs/s"}, {"binary", "msgs_per_s", "64 KiB binary, msgs/s"},
            {"fanout", "rtt_per_s", "fan-out, round trips/s"}, {"fanout", "p99_us", "fan-out p99"},
            {"idle", "heap_per_conn_bytes", "heap per idle connection"}, {"connect", "seq_per_s", "connects/s, sequential"},
            {"connect", "par_per_s", "connects/s, " + settings.connectParallel + " in parallel"},
        };
        for (String[] f : figures) {
            md.append("| ").append(f[2]);
            for (String c : CONTAINERS) {
                Results.Stats r = results.ratio(f[0], "bridge-" + c, "raw-" + c, f[1]);
                md.append(" | ").append(r == null ? "–" : ratio(r));
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    // ---- per workload ----

    private void workloadTables(StringBuilder md) {
        String[][] titles = {
            {"latency", "1. Latency: one connection, one 64-byte message in flight (" + settings.latencyCount
                + " round trips after " + settings.latencyWarmup + " warm-up)"},
            {"text", "2a. Throughput: one connection, " + settings.textCount + " pipelined 64-byte text messages (at most "
                + settings.textWindow + " unanswered)"},
            {"binary", "2b. Throughput: one connection, " + settings.binaryCount
                + " pipelined 64 KiB binary messages (at most " + settings.binaryWindow + " unanswered)"},
            {"fanout", "3. Fan-out: " + settings.fanoutConnections + " concurrent connections, " + settings.fanoutRoundTrips
                + " round trips each, all at once"},
            {"idle", "4. Idle scale: " + settings.idleConnections + " open connections in one JVM"},
            {"connect", "5. Connect rate: " + settings.connectCount + " one after the other, then " + settings.connectCount
                + " with " + settings.connectParallel + " in flight"},
            {"pending", "Pending connects: " + settings.pendingConnects
                + " connects to a server that accepts TCP and never answers the handshake"},
        };
        for (String[] t : titles) {
            String w = t[0];
            if (!results.workloads().contains(w)) {
                continue;
            }
            md.append("### ").append(t[1]).append("\n\n| client");
            List<String> metrics = new ArrayList<>(results.metrics(w));
            for (String m : metrics) {
                md.append(" | ").append(unit(m));
            }
            md.append(" |\n|---");
            metrics.forEach(m -> md.append("|---"));
            md.append("|\n");
            for (String client : Harness.CLIENTS) {
                if (!results.clients(w).contains(client)) {
                    continue;
                }
                md.append("| ").append(client);
                for (String m : metrics) {
                    Results.Stats s = results.stats(w, client, m);
                    md.append(" | ");
                    if (s != null) {
                        md.append(num(s.median())).append(s.n() > 1 ? " (" + num(s.min()) + "–" + num(s.max()) + ")" : "");
                    } else {
                        md.append(last(results.raw(w, client, m)).replace(",", ", "));
                    }
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
    }

    private void jmhTable(StringBuilder md) {
        if (jmh.isEmpty()) {
            return;
        }
        md.append("### JMH: the bridge's hot paths (`-prof gc`)\n\n| benchmark | parameters | score | error (99.9%) | unit"
                + " | allocated per operation |\n|---|---|---|---|---|---|\n");
        for (Jmh.Row r : jmh) {
            md.append("| ").append(r.benchmark()).append(" | ").append(r.params().isEmpty() ? "–" : r.params())
                    .append(" | ").append(num(r.score())).append(" | ± ").append(num(r.error())).append(" | ")
                    .append(r.unit()).append(" | ")
                    .append(Double.isNaN(r.allocBytesPerOp()) ? "–" : num(r.allocBytesPerOp()) + " B").append(" |\n");
        }
        md.append('\n');
    }

    // ---- formatting ----

    static String unit(String metric) {
        switch (metric) {
            case "p50_us":
                return "p50 µs";
            case "p99_us":
                return "p99 µs";
            case "p999_us":
                return "p99.9 µs";
            case "msgs_per_s":
                return "msgs/s";
            case "mb_per_s":
                return "MB/s";
            case "rtt_per_s":
                return "round trips/s";
            case "heap_per_conn_bytes":
                return "heap B/connection";
            case "seq_per_s":
                return "sequential connects/s";
            case "par_per_s":
                return "parallel connects/s";
            default:
                return metric.replace('_', ' ');
        }
    }

    private static String ratio(Results.Stats r) {
        return String.format(Locale.ROOT, r.n() > 1 ? "%.2f (%.2f–%.2f)" : "%.2f", r.median(), r.min(), r.max());
    }

    private static String signed(Results.Stats d) {
        String s = signedNum(d.median());
        return d.n() > 1 ? s + " (" + signedNum(d.min()) + "–" + signedNum(d.max()) + ")" : s;
    }

    private static String signedNum(double v) {
        return (v >= 0 ? "+" : "−") + num(Math.abs(v));
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v).replace(',', ' ');
        } else if (a >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        } else if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The last "Caused by" line of a failure, or its first line. */
    private static String firstCause(String why) {
        String cause = why.lines().findFirst().orElse("");
        for (String line : why.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause.replace('`', '\'');
    }

    private static String last(List<String> values) {
        return values.isEmpty() ? "–" : values.get(values.size() - 1);
    }
}
