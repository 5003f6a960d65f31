package dev.rendezvous.infra.construct;

/**
 * Options of {@link RendezvousTable}.
 *
 * @param retain keep the table (and its data) when the stack is deleted
 */
public record RendezvousTableProps(boolean retain) {

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RendezvousTableProps}; the table is retained unless told otherwise. */
  public static final class Builder {
    private boolean retain = true;

    private Builder() {}

    public Builder retain(boolean retain) {
      this.retain = retain;
      return this;
    }

    public RendezvousTableProps build() {
      return new RendezvousTableProps(retain);
    }
  }
}
