/**
 * The bot: server-side Java that uses wsbridge's {@code WebSocket} as a client, in the same shape as the page's script,
 * to sit in a chat room and answer messages addressed to it ({@link io.github.wsbridge.example.bot.ChatBot}), with its
 * status and upstream switch at {@code /api/bot} ({@link io.github.wsbridge.example.bot.BotServlet}).
 */
package io.github.wsbridge.example.bot;
