/**
 * The provider SPI: how the bridge obtains a Jakarta WebSocket client container, connects with it, and which
 * capabilities beyond the portable Jakarta WebSocket API it has.
 */
package io.github.wsbridge.spi;
