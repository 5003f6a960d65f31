package dev.rendezvous.core.config;

import dev.rendezvous.core.InvalidSettingException;
import java.util.Locale;

/** Which storage a process uses ({@code RENDEZVOUS_STORE}). */
public enum StoreKind {
  /** DynamoDB: dynalite locally, DynamoDB in AWS. The default everywhere. */
  DYNAMODB,
  /** An in-process store that keeps nothing; only for measuring the edge's own speed. */
  MEMORY;

  /**
   * The one reading of {@code RENDEZVOUS_STORE}: {@code dynamodb} or {@code memory} in any case,
   * blanks around them ignored; unset (null or blank) is {@link #DYNAMODB}.
   *
   * @throws InvalidSettingException for anything else, naming the variable
   */
  public static StoreKind parse(String text) {
    if (text == null || text.isBlank()) {
      return DYNAMODB;
    }
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          RendezvousSettings.STORE + " must be dynamodb or memory, got '" + text.strip() + "'");
    }
  }
}
