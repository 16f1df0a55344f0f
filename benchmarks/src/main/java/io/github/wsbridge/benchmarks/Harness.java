package io.github.wsbridge.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The loopback harness: starts the {@link EchoServer} in its own JVM, then every client in its own process (one JVM per
 * client and workload and repeat, Node for Node's {@code WebSocket}), interleaved (all clients once, in the same order,
 * then all again) so that a noisy moment hits every client of a repeat alike; then the JMH benchmarks; then writes the
 * report ({@code docs/performance.md}) and its chart ({@code docs/performance.png}).
 *
 * <p>Run it with {@code ./mvnw -pl benchmarks -am -Pbench -DskipTests verify}; counts are {@code -Dbench.*} properties
 * ({@link Settings}), {@code -Dbench.clients=bridge-tyrus,raw-tyrus} and {@code -Dbench.workloads=latency,text} narrow
 * the run, {@code -Dbench.clientJvmArgs="-XX:StartFlightRecording=..."} adds JVM options to every JVM client.
 */
public final class Harness {

    /** Every workload, in the order they run. */
    static final List<String> WORKLOADS = List.of("latency", "text", "binary", "fanout", "idle", "connect", "pending");
    /** The workloads Node's script has (idle heap and pending threads are JVM figures). */
    static final List<String> NODE_WORKLOADS = List.of("latency", "text", "binary", "fanout", "connect");
    /** Every client, in the order each repeat runs them. */
    static final List<String> CLIENTS;

    static {
        List<String> all = new ArrayList<>(Arrays.asList(ClientMain.JVM_CLIENTS));
        all.add("node");
        CLIENTS = List.copyOf(all);
    }

    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(10);

    private final Settings settings;
    private final Classpaths classpaths;
    private final Path work;
    private final List<String> clientJvmArgs;
    private final String node;

    Harness(Settings settings, Classpaths classpaths, Path work) {
        this.settings = settings;
        this.classpaths = classpaths;
        this.work = work;
        String extra = System.getProperty("bench.clientJvmArgs", "").trim();
        this.clientJvmArgs = extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+"));
        this.node = System.getProperty("bench.node", "node");
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Path docs = Path.of(System.getProperty("bench.docs", "docs")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("bench.work", "target/bench")).toAbsolutePath().normalize();
        List<String> clients = list("bench.clients", CLIENTS);
        List<String> workloads = list("bench.workloads", WORKLOADS);
        Harness harness = new Harness(settings, Classpaths.fromSystemProperties(), work);
        String replay = System.getProperty("bench.replay");
        Results results;
        List<Jmh.Row> jmh;
        Duration took;
        if (replay != null) {
            // -Dbench.replay=target/bench/results.txt: the report and chart again from a run's RESULT lines (and its
            // jmh.csv), e.g. after a change to the report; -Dbench.tookSeconds= gives the run's duration.
            results = new Results();
            Files.readAllLines(Path.of(replay)).forEach(results::add);
            Path csv = work.resolve("jmh.csv");
            jmh = Files.exists(csv) ? Jmh.parse(Files.readAllLines(csv)) : List.of();
            took = Duration.ofSeconds(Long.getLong("bench.tookSeconds", 0));
        } else {
            Instant start = Instant.now();
            results = harness.run(clients, workloads, true);
            jmh = settings.jmhForks > 0 ? harness.jmh() : List.of();
            took = Duration.between(start, Instant.now());
        }
        new Report(results, jmh, settings, took, Machine.describe(harness.node))
                .write(docs.resolve("performance.md"), docs.resolve("performance.png"));
        System.out.println("Wrote " + docs.resolve("performance.md") + " and performance.png in " + took.toSeconds() + " s");
    }

    private static List<String> list(String property, List<String> all) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return all;
        }
        List<String> chosen = Arrays.asList(value.trim().split("\\s*,\\s*"));
        for (String c : chosen) {
            if (!all.contains(c)) {
                throw new IllegalArgumentException("-D" + property + ": unknown '" + c + "'; choose from " + all);
            }
        }
        return chosen;
    }

    /**
     * Runs the workloads on the clients against one echo server.
     *
     * @param processPerWorkload a new JVM per client, workload and repeat (the real run); false: one process per client
     *        and repeat runs every workload (the smoke test, for speed)
     */
    Results run(List<String> clients, List<String> workloads, boolean processPerWorkload) throws Exception {
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve("results.txt"));
        Results results = new Results();
        Process server = start("server", serverCommand(), work.resolve("server.log"));
        try {
            String ready = readReady(server);
            String echo = "ws://127.0.0.1:" + field(ready, "echo") + "/echo";
            List<List<String>> groups = new ArrayList<>();
            if (processPerWorkload) {
                workloads.forEach(w -> groups.add(List.of(w)));
            } else {
                groups.add(workloads);
            }
            for (List<String> group : groups) {
                int repeats = group.stream().mapToInt(settings::repeatsOf).max().orElse(1);
                for (int repeat = 1; repeat <= repeats; repeat++) {
                    for (String client : clients) {
                        List<String> own = new ArrayList<>(group);
                        if (client.equals("node")) {
                            own.retainAll(NODE_WORKLOADS);
                        }
                        if (own.isEmpty()) {
                            continue;
                        }
                        try {
                            runClient(client, echo, own, repeat, results);
                        } catch (IllegalStateException e) {
                            if (!processPerWorkload) {
                                throw e; // the smoke test: every client must work
                            }
                            System.out.println("[bench]   FAILED " + e.getMessage());
                            results.failed(client + " " + String.join("+", own) + " #" + repeat, e.getMessage());
                        }
                    }
                }
            }
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        return results;
    }

    private void runClient(String client, String echo, List<String> workloads, int repeat, Results results)
            throws Exception {
        List<String> command = new ArrayList<>();
        if (client.equals("node")) {
            command.add(node);
            command.add("--experimental-websocket");
            command.add(Path.of(System.getProperty("bench.classes"), "node", "bench.mjs").toString());
            command.add(settingsJson());
            command.add(echo);
        } else {
            command.addAll(java(Classpaths.Kind.ofClient(client)));
            command.addAll(clientJvmArgs);
            command.addAll(settings.jvmArguments());
            command.add(ClientMain.class.getName());
            command.add(client);
            command.add(echo);
        }
        command.addAll(workloads);
        String label = client + "-" + String.join("+", workloads) + "-" + repeat;
        System.out.println("[bench] " + label);
        Path log = work.resolve(label + ".log");
        Process p = start(client, command, log);
        int reported = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (results.add(line)) {
                    Files.writeString(work.resolve("results.txt"), line + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    reported++;
                    System.out.println("[bench]   " + line);
                }
            }
        }
        if (!p.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(label + " did not end within " + PROCESS_TIMEOUT + "; see " + log);
        }
        if (p.exitValue() != 0 || reported != workloads.size()) {
            throw new IllegalStateException(label + " failed (exit " + p.exitValue() + ", " + reported + " of "
                    + workloads.size() + " results): " + tail(log));
        }
    }

    /** The JMH benchmarks of the bridge's hot paths, with {@code -prof gc}, in their own JVMs. */
    List<Jmh.Row> jmh() throws Exception {
        Path csv = work.resolve("jmh.csv");
        List<String> command = new ArrayList<>(java(Classpaths.Kind.TYRUS));
        command.addAll(List.of("org.openjdk.jmh.Main", "io.github.wsbridge.benchmarks.jmh.",
                "-f", String.valueOf(settings.jmhForks), "-wi", String.valueOf(settings.jmhWarmups),
                "-i", String.valueOf(settings.jmhIterations), "-w", "1s", "-r", "1s", "-prof", "gc",
                "-rf", "csv", "-rff", csv.toString()));
        System.out.println("[bench] JMH");
        Path log = work.resolve("jmh.log");
        Process p = start("jmh", command, log);
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("JMH failed: " + tail(log));
        }
        return Jmh.parse(Files.readAllLines(csv));
    }

    private List<String> serverCommand() {
        List<String> command = new ArrayList<>(java(Classpaths.Kind.SERVER));
        command.add(EchoServer.class.getName());
        return command;
    }

    /** The same JVM options for every Java process: a fixed heap range, so that heap figures compare. */
    private List<String> java(Classpaths.Kind kind) {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx2g", "-Djava.awt.headless=true", "-cp", classpaths.forKind(kind)));
    }

    private Process start(String what, List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(log.toFile());
        if (what.equals("jmh")) {
            pb.redirectErrorStream(true);
            pb.redirectOutput(log.toFile());
        }
        return pb.start();
    }

    private static String readReady(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            throw new IllegalStateException("The echo server did not start: " + line);
        }
        return line;
    }

    private static String field(String line, String name) {
        for (String token : line.split(" ")) {
            if (token.startsWith(name + "=")) {
                return token.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + " in " + line);
    }

    private String settingsJson() {
        StringBuilder json = new StringBuilder("{");
        for (String arg : settings.jvmArguments()) {
            String[] kv = arg.substring("-Dbench.".length()).split("=", 2);
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(kv[0]).append("\":").append(kv[1]);
        }
        return json.append('}').toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
