package io.github.wsbridge.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every figure of one harness run: {@code workload -> client -> metric -> one value per repeat}, parsed from the
 * clients' {@code RESULT} lines. Thread-confined to the harness.
 */
final class Results {

    /** min, median, max of a list of figures. */
    record Stats(double min, double median, double max, int n) {
        static Stats of(List<Double> values) {
            if (values == null || values.isEmpty()) {
                return null;
            }
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Stats(v[0], median, v[v.length - 1], v.length);
        }
    }

    private final Map<String, Map<String, Map<String, List<String>>>> values = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();

    /** A client process that failed: its label and why (the run goes on without its figures). */
    void failed(String label, String why) {
        failures.put(label, why);
    }

    Map<String, String> failures() {
        return failures;
    }

    /** Parses {@code RESULT client=C workload=W k=v ...}; returns false for any other line. */
    boolean add(String line) {
        if (!line.startsWith("RESULT ")) {
            return false;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String token : line.substring("RESULT ".length()).trim().split(" +")) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not key=value: '" + token + "' in " + line);
            }
            fields.put(token.substring(0, eq), token.substring(eq + 1));
        }
        String client = fields.remove("client");
        String workload = fields.remove("workload");
        if (client == null || workload == null || fields.isEmpty()) {
            throw new IllegalArgumentException("a RESULT line needs client, workload and figures: " + line);
        }
        Map<String, List<String>> metrics = values.computeIfAbsent(workload, w -> new LinkedHashMap<>())
                .computeIfAbsent(client, c -> new LinkedHashMap<>());
        fields.forEach((k, v) -> metrics.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        return true;
    }

    Set<String> workloads() {
        return values.keySet();
    }

    Set<String> clients(String workload) {
        return values.getOrDefault(workload, Map.of()).keySet();
    }

    /** The metrics of a workload, in the order the clients reported them. */
    Set<String> metrics(String workload) {
        Set<String> names = new LinkedHashSet<>();
        values.getOrDefault(workload, Map.of()).values().forEach(m -> names.addAll(m.keySet()));
        return names;
    }

    /** The raw values, one per repeat, or an empty list. */
    List<String> raw(String workload, String client, String metric) {
        return values.getOrDefault(workload, Map.of()).getOrDefault(client, Map.of()).getOrDefault(metric, List.of());
    }

    /** The numeric values, one per repeat (empty if absent or not numeric). */
    List<Double> numbers(String workload, String client, String metric) {
        List<Double> out = new ArrayList<>();
        for (String v : raw(workload, client, metric)) {
            try {
                out.add(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return out;
    }

    Stats stats(String workload, String client, String metric) {
        return Stats.of(numbers(workload, client, metric));
    }

    /**
     * {@code a / b} per repeat (the two ran next to each other in every repeat), as min/median/max; null if either is
     * missing.
     */
    Stats ratio(String workload, String a, String b, String metric) {
        List<Double> x = numbers(workload, a, metric);
        List<Double> y = numbers(workload, b, metric);
        if (x.isEmpty() || x.size() != y.size()) {
            return null;
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            ratios.add(x.get(i) / y.get(i));
        }
        return Stats.of(ratios);
    }

    /** {@code a - b} per repeat, as min/median/max; null if either is missing. */
    Stats difference(String workload, String a, String b, String metric) {
        List<Double> x = numbers(workload, a, metric);
        List<Double> y = numbers(workload, b, metric);
        if (x.isEmpty() || x.size() != y.size()) {
            return null;
        }
        Double[] d = new Double[x.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = x.get(i) - y.get(i);
        }
        return Stats.of(Arrays.asList(d));
    }
}
