package dev.rendezvous.core.registry;

/**
 * What one run of the expiry sweep did.
 *
 * @param bucketsSwept how many time buckets were completed in this run
 * @param candidates expired-looking entries read from the sweep index
 * @param deleted clients deleted
 * @param revived candidates left alone because they had come back to life meanwhile
 * @param complete false when the run stopped early (time budget or storage trouble) and the rest is
 *     left for the next run
 */
public record SweepReport(
    int bucketsSwept, int candidates, int deleted, int revived, boolean complete) {}
