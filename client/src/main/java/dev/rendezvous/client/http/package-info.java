/** The HTTP API over the JDK's HttpClient, its response shapes, and a tiny JSON reader. */
package dev.rendezvous.client.http;
