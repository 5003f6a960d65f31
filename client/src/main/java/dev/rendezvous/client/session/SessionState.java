package dev.rendezvous.client.session;

/** Where a session stands with the service. */
public enum SessionState {
  /** No pulse accepted yet. */
  STARTING,
  /** The last answered pulse was accepted. */
  ONLINE,
  /** The edge said PENDING; /verify is being called. */
  PENDING,
  /** The service no longer knows this client (1060, or 401 from /verify); pulsing stopped. */
  GONE,
  /** Closed by the app. */
  CLOSED
}
