package dev.rendezvous.cli;

/** The CLI's exit codes (also listed in cli/README.md and in {@code rendezvous --help}). */
final class ExitCodes {
  /** Done. */
  static final int OK = 0;

  /** The service could not be reached, or answered something unexpected. */
  static final int SERVICE_ERROR = 1;

  /** Bad command line (picocli's own code). */
  static final int USAGE = 2;

  /** This client is not known: no identity file, 401, or the edge said 1060. */
  static final int NOT_REGISTERED = 3;

  /** The peer does not exist, has expired, is PENDING, or has never pulsed. */
  static final int PEER_NOT_FOUND = 4;

  /** The hole punch failed (no reply, or an address-dependent NAT). */
  static final int PUNCH_FAILED = 5;

  private ExitCodes() {}
}
