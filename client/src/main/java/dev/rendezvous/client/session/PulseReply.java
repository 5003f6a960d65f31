package dev.rendezvous.client.session;

import dev.rendezvous.protocol.ResponseCode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The edge's answer to one pulse.
 *
 * @param code 1020 accepted, 1050 pending, 1060 unknown
 * @param mapping this client's public address as the edge saw it (v2 only; v1 replies carry none)
 * @param roundTrip time from sending the pulse to its reply
 * @param viaProbe whether the pulse went to the probe edge rather than the main one
 */
public record PulseReply(
    ResponseCode code, Optional<InetSocketAddress> mapping, Duration roundTrip, boolean viaProbe) {}
