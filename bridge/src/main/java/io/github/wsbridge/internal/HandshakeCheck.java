package io.github.wsbridge.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 6455 §4.1 client checks 2-5 on the handshake response (checklist item 21): {@code Upgrade} is {@code websocket}
 * (case-insensitively), {@code Connection} has the token {@code Upgrade}, {@code Sec-WebSocket-Accept} is
 * base64(SHA-1(key + GUID)), and {@code Sec-WebSocket-Extensions} names only extensions the request offered. The bridge
 * repeats them because not every container makes them (Tomcat 11 checks only the extensions, Tyrus all but those). Checks run only when
 * the container showed the bridge both the request (in {@code beforeRequest}) and the response headers.
 */
final class HandshakeCheck {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private HandshakeCheck() {
    }

    /** A message saying what is wrong, or null if the response passes (or cannot be checked). */
    static String invalidResponse(String key, String offeredExtensions, Map<String, List<String>> response) {
        if (key == null || response == null) {
            return null;
        }
        String upgrade = value(response, "Upgrade");
        if (upgrade == null || !upgrade.trim().equalsIgnoreCase("websocket")) {
            return "The handshake response's Upgrade header is '" + upgrade + "', not 'websocket'";
        }
        String connection = value(response, "Connection");
        boolean hasUpgradeToken = false;
        if (connection != null) {
            for (String token : connection.split(",")) {
                hasUpgradeToken |= token.trim().toLowerCase(Locale.ROOT).equals("upgrade");
            }
        }
        if (!hasUpgradeToken) {
            return "The handshake response's Connection header is '" + connection + "', without 'Upgrade'";
        }
        String accept = value(response, "Sec-WebSocket-Accept");
        String expected = accept(key);
        if (accept == null || !accept.trim().equals(expected)) {
            return "The handshake response's Sec-WebSocket-Accept is '" + accept + "', not '" + expected + "'";
        }
        String selected = value(response, "Sec-WebSocket-Extensions");
        if (selected != null) {
            List<String> offered = extensionNames(offeredExtensions);
            for (String name : extensionNames(selected)) {
                if (!offered.contains(name)) {
                    return "The server selected the extension '" + name + "', which the request did not offer";
                }
            }
        }
        return null;
    }

    /** The extension names of a Sec-WebSocket-Extensions value ({@code name; param, name2}), lowercased. */
    static List<String> extensionNames(String header) {
        List<String> names = new java.util.ArrayList<>();
        for (String extension : header.split(",")) {
            String name = extension.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }

    private static String value(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null
                    && !e.getValue().isEmpty()) {
                return String.join(",", e.getValue());
            }
        }
        return null;
    }
}
