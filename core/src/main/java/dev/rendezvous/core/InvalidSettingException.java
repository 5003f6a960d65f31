package dev.rendezvous.core;

/** A configuration value that is missing its form or out of range; names the variable. */
public final class InvalidSettingException extends RendezvousException {
  private static final long serialVersionUID = 1L;

  public InvalidSettingException(String message) {
    super(message);
  }

  @Override
  public <R> R handle(Cases<R> cases) {
    return cases.invalidSetting(this);
  }
}
