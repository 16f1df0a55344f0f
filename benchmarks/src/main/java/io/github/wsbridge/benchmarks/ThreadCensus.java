package io.github.wsbridge.benchmarks;

import java.util.Map;
import java.util.TreeMap;

/** Live threads of this JVM grouped by name, with the numbers in names taken out ({@code wsbridge-io-3} to {@code wsbridge-io-#}). */
final class ThreadCensus {

    private ThreadCensus() {
    }

    static Map<String, Integer> take() {
        Map<String, Integer> census = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                census.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
        }
        return census;
    }

    /** {@code name:count,name:count}, without spaces, for a RESULT line. */
    static String format(Map<String, Integer> census) {
        StringBuilder out = new StringBuilder();
        census.forEach((name, count) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(name.replace(' ', '_').replace(',', '_').replace('=', '_')).append(':').append(count);
        });
        return out.length() == 0 ? "none" : out.toString();
    }
}
