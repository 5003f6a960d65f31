package dev.rendezvous.internalapi;

/** What an internal API route does, and the method it takes. */
public enum InternalAction {
  /** {@code GET /internal/v1/clients/{id}}: the families of the client this task owns. */
  LOOK_UP("GET", ""),
  /** {@code POST .../verified} {@code {"atMillis"}}: the client verified over HTTP. */
  VERIFIED("POST", "/verified"),
  /** {@code POST .../logged-out}: the client logged out. */
  LOGGED_OUT("POST", "/logged-out"),
  /** {@code POST .../revoke} {@code {"family", "epoch"}}: another task took a family over. */
  REVOKE("POST", "/revoke"),
  /**
   * {@code POST .../punch-now} {@code {"callId", "first"}}: push a PUNCH_NOW to the client on its
   * live mapping and wait, bounded, for its acknowledgement.
   */
  PUNCH_NOW("POST", "/punch-now");

  private final String method;
  private final String suffix;

  InternalAction(String method, String suffix) {
    this.method = method;
    this.suffix = suffix;
  }

  public String method() {
    return method;
  }

  String suffix() {
    return suffix;
  }
}
