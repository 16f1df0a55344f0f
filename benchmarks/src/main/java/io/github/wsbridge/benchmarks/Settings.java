package io.github.wsbridge.benchmarks;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness's counts, each overridable with a system property {@code bench.NAME} (e.g. {@code -Dbench.repeats=5}
 * {@code -Dbench.idleConnections=2000}); the harness hands them to every client process the same way. The defaults
 * keep the whole run, JMH included, around 10 minutes on 2 cores (9 min 45 s measured).
 */
final class Settings {

    int repeats = 3;
    /** Repeats of the idle workload (10,000 connections per client take most of a minute; heap after GC varies little). */
    int idleRepeats = 1;
    /** Repeats of the pending-connect thread count (a count, not a time). */
    int pendingRepeats = 1;
    /**
     * Round trips before the measured ones. 10,000, not 1,000: with 1,000, the JIT was still compiling the bridge's
     * event path during the measured 5,000 and its p99 was 2 to 3 ms against 0.3 ms once warm (docs/performance.md).
     */
    int latencyWarmup = 10_000;
    int latencyCount = 5_000;
    int textCount = 100_000;
    int textWindow = 256;
    int binaryCount = 2_000;
    int binaryWindow = 16;
    int fanoutConnections = 1_000;
    int fanoutRoundTrips = 20;
    int idleConnections = 10_000;
    int connectCount = 300;
    int connectParallel = 50;
    int pendingConnects = 50;
    /** The longest wait for every pending connect to reach the holding server before threads are counted. */
    long pendingSettleMillis = 2_000;
    /** The longest wait for the threads a workload started (pool threads with a keep-alive) to end before a count. */
    long settleMillis = 3_000;
    /** JMH: forks, warm-up and measured iterations of 1 s each; 0 forks skips JMH. */
    int jmhForks = 1;
    int jmhWarmups = 2;
    int jmhIterations = 3;

    /** The defaults, overridden by {@code bench.*} system properties. */
    static Settings fromSystemProperties() {
        Settings s = new Settings();
        for (Field f : fields()) {
            String value = System.getProperty("bench." + f.getName());
            if (value == null) {
                continue;
            }
            try {
                if (f.getType() == int.class) {
                    f.setInt(s, Integer.parseInt(value.trim()));
                } else {
                    f.setLong(s, Long.parseLong(value.trim()));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-Dbench." + f.getName() + " must be a whole number, not '" + value
                        + "'", e);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return s;
    }

    /** Tiny counts: every client and workload once, to prove the harness works (the smoke test). */
    static Settings smoke() {
        Settings s = new Settings();
        s.repeats = 1;
        s.idleRepeats = 1;
        s.latencyWarmup = 20;
        s.latencyCount = 50;
        s.textCount = 200;
        s.binaryCount = 20;
        s.fanoutConnections = 20;
        s.fanoutRoundTrips = 3;
        s.idleConnections = 40;
        s.connectCount = 10;
        s.connectParallel = 5;
        s.pendingConnects = 5;
        s.pendingSettleMillis = 500;
        s.settleMillis = 200;
        s.jmhForks = 0;
        return s;
    }

    /** How many times a workload runs. */
    int repeatsOf(String workload) {
        switch (workload) {
            case "idle":
                return idleRepeats;
            case "pending":
                return pendingRepeats;
            default:
                return repeats;
        }
    }

    /** {@code -Dbench.NAME=VALUE} for every count, for a client process. */
    List<String> jvmArguments() {
        List<String> args = new ArrayList<>();
        for (Field f : fields()) {
            try {
                args.add("-Dbench." + f.getName() + "=" + f.get(this));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return args;
    }

    private static List<Field> fields() {
        List<Field> result = new ArrayList<>();
        for (Field f : Settings.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                result.add(f);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return String.join(" ", jvmArguments()).replace("-Dbench.", "");
    }
}
