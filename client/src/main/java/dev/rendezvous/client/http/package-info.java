/**
 * The HTTP routes over {@link java.net.HttpURLConnection} (present on the JVM and on Android), the
 * response shapes, and the API's error type. JSON is read with jackson-jr.
 */
package dev.rendezvous.client.http;
