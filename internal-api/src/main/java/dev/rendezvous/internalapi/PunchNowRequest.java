package dev.rendezvous.internalapi;

import dev.rendezvous.protocol.call.CallId;

/**
 * The body of {@code POST .../punch-now}: the call to push, and whether this is the call's first
 * push (the only one the owner's rate limit counts; retries of a call are free).
 */
public record PunchNowRequest(CallId call, boolean first) {}
