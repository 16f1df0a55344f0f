/**
 * The wsbridge example application: a chat room and an echo endpoint ({@link io.github.wsbridge.example.chat}), a page
 * that talks to them with the browser's {@code WebSocket}, and a bot ({@link io.github.wsbridge.example.bot}) that talks
 * to them from the server with wsbridge's {@code WebSocket}, in the same shape. Portable Jakarta EE 10: no
 * server-specific API or descriptor.
 */
package io.github.wsbridge.example;
