package io.github.wsbridge.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A URL record (URL Standard §4.1 "URL representation"), as the {@link BasicUrlParser} builds it, with the URL
 * serializer (§4.5). Mutable and internal: {@link WebSocketUrl} copies what it needs out of it.
 */
final class UrlRecord {

    /** An ASCII string, lowercased; "" until the scheme state sets it. */
    String scheme = "";
    /** Percent-encoded with the userinfo percent-encode set. */
    String username = "";
    /** Percent-encoded with the userinfo percent-encode set. */
    String password = "";
    /** The serialized host (domain, IPv4, "[IPv6]", opaque host, or the empty host ""), or null. */
    String host;
    /** The port, or -1 for null (which is also what a default port becomes). */
    int port = -1;
    /** The path as a list of URL path segments, unless the URL has an opaque path. */
    List<String> path = new ArrayList<>();
    /** Non-null if and only if the URL has an opaque path (which is then this string). */
    StringBuilder opaquePath;
    /** The query, or null. */
    String query;
    /** The fragment, or null. */
    StringBuilder fragment;

    /** "is special": the scheme is a special scheme. */
    boolean isSpecial() {
        return BasicUrlParser.isSpecialScheme(scheme);
    }

    /** "includes credentials": the username or the password is not the empty string. */
    boolean includesCredentials() {
        return !username.isEmpty() || !password.isEmpty();
    }

    /** "has an opaque path". */
    boolean hasOpaquePath() {
        return opaquePath != null;
    }

    /** The "URL serializer". */
    String serialize(boolean excludeFragment) {
        // 1. Let output be url's scheme and U+003A (:) concatenated.
        StringBuilder output = new StringBuilder(scheme).append(':');
        // 2. If url's host is non-null: "//", then userinfo and "@" if it includes credentials, host, ":" port.
        if (host != null) {
            output.append("//");
            if (includesCredentials()) {
                output.append(username);
                if (!password.isEmpty()) {
                    output.append(':').append(password);
                }
                output.append('@');
            }
            output.append(host);
            if (port != -1) {
                output.append(':').append(port);
            }
        }
        // 3. If host is null, the path is not opaque, has more than one segment and starts with "", append "/.".
        if (host == null && !hasOpaquePath() && path.size() > 1 && path.get(0).isEmpty()) {
            output.append("/.");
        }
        // 4. Append the result of URL path serializing url.
        output.append(serializePath());
        // 5. If url's query is non-null, append "?" and the query.
        if (query != null) {
            output.append('?').append(query);
        }
        // 6. If exclude fragment is false and url's fragment is non-null, append "#" and the fragment.
        if (!excludeFragment && fragment != null) {
            output.append('#').append(fragment);
        }
        return output.toString();
    }

    /** The "URL path serializer". */
    String serializePath() {
        if (hasOpaquePath()) {
            return opaquePath.toString();
        }
        StringBuilder output = new StringBuilder();
        for (String segment : path) {
            output.append('/').append(segment);
        }
        return output.toString();
    }

    @Override
    public String toString() {
        return serialize(false);
    }
}
