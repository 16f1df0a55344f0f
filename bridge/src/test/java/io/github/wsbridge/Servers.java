package io.github.wsbridge;

import io.github.wsbridge.testing.RawServer;
import io.github.wsbridge.testing.WptServer;

/** One WptServer and one RawServer per test JVM, started on first use, on 127.0.0.1. */
final class Servers {

    private static WptServer wpt;
    private static RawServer raw;

    private Servers() {
    }

    static synchronized WptServer wpt() {
        if (wpt == null) {
            try {
                wpt = WptServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("The embedded Jetty test server did not start", e);
            }
        }
        return wpt;
    }

    static synchronized RawServer raw() {
        if (raw == null) {
            try {
                raw = RawServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("The raw test server did not start", e);
            }
        }
        return raw;
    }

    /** A ws:// URL on the Jetty server. */
    static String wpt(String pathAndQuery) {
        return wpt().uri(pathAndQuery).toString();
    }

    /** A ws:// URL on the raw server. */
    static String raw(String pathAndQuery) {
        return raw().uri(pathAndQuery).toString();
    }
}
