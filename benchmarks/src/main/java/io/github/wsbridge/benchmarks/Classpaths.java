package io.github.wsbridge.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The class path of each process the harness starts: the module's whole class path (written by Maven's
 * {@code dependency:build-classpath}, plus the module's classes) less the client containers that process must not see,
 * so that each JVM holds exactly one container, as the bridge's own test executions do.
 */
final class Classpaths {

    /** Which containers a process keeps. */
    enum Kind {
        TYRUS, TOMCAT, JETTY, JDK, SERVER;

        static Kind ofClient(String client) {
            if (client.endsWith("tyrus")) {
                return TYRUS;
            } else if (client.endsWith("tomcat")) {
                return TOMCAT;
            } else if (client.endsWith("jetty")) {
                return JETTY;
            }
            return JDK;
        }
    }

    private final List<String> entries;

    private Classpaths(List<String> entries) {
        this.entries = entries;
    }

    /** From the file Maven wrote ({@code bench.classpath.file}) and the module's classes ({@code bench.classes}). */
    static Classpaths fromSystemProperties() throws IOException {
        String file = require("bench.classpath.file");
        String classes = require("bench.classes");
        List<String> entries = new ArrayList<>();
        entries.add(classes);
        for (String e : Files.readString(Path.of(file)).trim().split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return new Classpaths(entries);
    }

    private static String require(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the harness through Maven ("
                    + "./mvnw -pl benchmarks -am -Pbench -DskipTests verify), which sets it");
        }
        return value;
    }

    /** The class path for a process of this kind. */
    String forKind(Kind kind) {
        List<String> kept = new ArrayList<>();
        for (String e : entries) {
            boolean tyrus = isTyrus(e);
            boolean tomcat = isFamily(e, "tomcat-");
            boolean jetty = isFamily(e, "jetty-");
            boolean keep;
            switch (kind) {
                case TYRUS:
                    keep = !tomcat && !jetty;
                    break;
                case TOMCAT:
                    keep = !tyrus && !jetty;
                    break;
                case JETTY:
                case SERVER:
                    keep = !tyrus && !tomcat;
                    break;
                default:
                    keep = !tyrus && !tomcat && !jetty;
                    break;
            }
            if (keep) {
                kept.add(e);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    private static boolean isTyrus(String entry) {
        String path = entry.replace('\\', '/').toLowerCase(Locale.ROOT);
        return path.contains("/tyrus-standalone-client") || path.contains("/tyrus-provider/")
                || path.contains("/wsbridge-tyrus");
    }

    private static boolean isFamily(String entry, String prefix) {
        return Path.of(entry).getFileName().toString().toLowerCase(Locale.ROOT).startsWith(prefix);
    }
}
