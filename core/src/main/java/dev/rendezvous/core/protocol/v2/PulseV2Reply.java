package dev.rendezvous.core.protocol.v2;

import dev.rendezvous.core.protocol.ResponseCode;
import java.net.InetAddress;

/**
 * An authenticated reply to a v2 pulse.
 *
 * @param code the response code
 * @param counter the counter of the pulse it answers
 * @param observedAddress the source address the edge saw (the client's public mapping)
 * @param observedPort the source port the edge saw
 */
public record PulseV2Reply(
    ResponseCode code, long counter, InetAddress observedAddress, int observedPort) {}
