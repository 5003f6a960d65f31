/**
 * The UDP wire protocol shared by every version: response codes and the decode failure type.
 * Version-specific codecs live in sub-packages ({@code v1}, {@code v2}). See docs/protocol.md.
 */
package dev.rendezvous.core.protocol;
