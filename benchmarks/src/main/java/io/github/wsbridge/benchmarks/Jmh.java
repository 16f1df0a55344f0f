package io.github.wsbridge.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JMH's CSV results ({@code -rf csv}), each benchmark with its score and its allocation per operation. */
final class Jmh {

    private Jmh() {
    }

    /** One benchmark: its score and, from {@code -prof gc}, {@code gc.alloc.rate.norm} in bytes per operation. */
    record Row(String benchmark, String params, double score, double error, String unit, double allocBytesPerOp) {
    }

    static List<Row> parse(List<String> csv) {
        if (csv.isEmpty()) {
            throw new IllegalArgumentException("empty JMH result file");
        }
        List<String> header = fields(csv.get(0));
        int name = header.indexOf("Benchmark");
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int unit = header.indexOf("Unit");
        List<Integer> paramColumns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith("Param: ")) {
                paramColumns.add(i);
            }
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : csv.subList(1, csv.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = fields(line);
            StringBuilder params = new StringBuilder();
            for (int i : paramColumns) {
                if (i < f.size() && !f.get(i).isEmpty()) {
                    params.append(params.length() == 0 ? "" : ", ").append(header.get(i).substring(7)).append('=')
                            .append(f.get(i));
                }
            }
            String benchmark = f.get(name);
            int colon = benchmark.indexOf(':');
            String base = colon < 0 ? benchmark : benchmark.substring(0, colon);
            String key = base + "|" + params;
            if (colon < 0) {
                rows.put(key, new Row(shortName(base), params.toString(), number(f.get(score)), number(f.get(error)),
                        f.get(unit), Double.NaN));
            } else if (benchmark.endsWith("gc.alloc.rate.norm") && rows.containsKey(key)) {
                Row r = rows.get(key);
                rows.put(key, new Row(r.benchmark(), r.params(), r.score(), r.error(), r.unit(), number(f.get(score))));
            }
        }
        return new ArrayList<>(rows.values());
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A CSV line: fields separated by commas, optionally in double quotes. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
