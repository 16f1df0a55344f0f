package io.github.wsbridge.internal;

import java.lang.reflect.Method;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the HTTP status of a refused handshake in a container's exception, where the Jakarta API has no place for it.
 *
 * <p>Known shapes: Tyrus {@code DeploymentHandshakeException.getHttpStatusCode()}, Jetty
 * {@code UpgradeException.getResponseStatusCode()}, and messages such as Tomcat's "The HTTP response from the server [404]
 * did not permit the HTTP upgrade to WebSocket", Tyrus's "Response code was not 101: 404." or Undertow's "Invalid
 * response code 404" (XNIO's {@code UpgradeFailedException} from {@code HttpUpgrade}, which has no status accessor;
 * Undertow wraps it in a {@code DeploymentException} with the same message). Tomcat answers a 401 by trying to
 * authenticate: with no credentials configured it fails with its {@code AuthenticationException} ("No user name was
 * provided..."), which carries no status, or "Failed to handle HTTP response code [401]..."; the former is a 401 (the
 * 407 of a proxy cannot come, since the bridge gives Tomcat no proxy).
 */
final class HttpStatus {

    private static final String TOMCAT_AUTHENTICATION = "org.apache.tomcat.websocket.AuthenticationException";
    private static final int UNAUTHORIZED = 401;

    private static final String[] ACCESSORS = {"getHttpStatusCode", "getResponseStatusCode", "getStatusCode"};
    private static final Pattern[] MESSAGES = {
        Pattern.compile("server \\[(\\d{3})\\]"),
        Pattern.compile("[Rr]esponse code was not 101: (\\d{3})"),
        Pattern.compile("[Ii]nvalid response code (\\d{3})\\b"),
        Pattern.compile("response code \\[(\\d{3})\\]"),
        Pattern.compile("(?:HTTP|status)[^0-9]{0,12}(\\d{3})\\b"),
    };

    private HttpStatus() {
    }

    /** The status, or -1. Walks the cause chain. */
    static int of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            int status = fromAccessor(t);
            if (status > 0) {
                return status;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            for (Pattern pattern : MESSAGES) {
                Matcher m = pattern.matcher(message);
                if (m.find()) {
                    int status = Integer.parseInt(m.group(1));
                    if (status >= 100 && status <= 599 && status != 101) {
                        return status;
                    }
                }
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(TOMCAT_AUTHENTICATION)) {
                return UNAUTHORIZED;
            }
        }
        return -1;
    }

    private static int fromAccessor(Throwable t) {
        for (String name : ACCESSORS) {
            try {
                Method m = t.getClass().getMethod(name);
                Object value = m.invoke(t);
                if (value instanceof Integer && (Integer) value >= 100 && (Integer) value <= 599) {
                    return (Integer) value;
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // not this shape
            }
        }
        return -1;
    }
}
