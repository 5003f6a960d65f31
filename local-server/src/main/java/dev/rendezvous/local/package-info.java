/** The local HTTP server: the functions' controllers served by Micronaut on Netty. */
package dev.rendezvous.local;
