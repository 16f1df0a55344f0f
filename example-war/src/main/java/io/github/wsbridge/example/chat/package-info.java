/**
 * The server side: {@code @ServerEndpoint}s for a chat room ({@code /chat?name=...}) and an echo ({@code /echo}).
 *
 * <p>Wire format of {@code /chat}: clients send plain text (a message, or the command {@code /close CODE [REASON]});
 * the server sends JSON objects with a {@code type} of {@code welcome}, {@code join}, {@code leave}, {@code message} or
 * {@code error} (see {@link io.github.wsbridge.example.chat.ChatJson}).
 */
package io.github.wsbridge.example.chat;
