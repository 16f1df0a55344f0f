/**
 * The bridge's machinery: URL parsing, the per-socket task queue, the send queue, the Jakarta endpoint adapter. Not an
 * API: nothing here is stable.
 */
package io.github.wsbridge.internal;
