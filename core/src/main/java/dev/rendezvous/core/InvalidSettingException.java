package dev.rendezvous.core.config;

import dev.rendezvous.core.RendezvousException;

/** A configuration value that is missing its form or out of range; names the variable. */
public final class InvalidSettingException extends RendezvousException {
  private static final long serialVersionUID = 1L;

  public InvalidSettingException(String message) {
    super(message);
  }
}
