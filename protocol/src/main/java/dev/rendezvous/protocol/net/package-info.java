/** Network address text the service and the SDK share (RFC 5952 canonical IPv6 text). */
package dev.rendezvous.protocol.net;
