package dev.rendezvous.store.dynamodb.testing;

/**
 * The rules every directory keeps, over both ports together (the HTTP side, {@code ClientRegistry},
 * and the edge's, {@code LiveDirectory}): registration, verify and logout; takeovers (ONLINE,
 * PENDING, expired, logged out; v2 counters; rising epochs; flap-back; a pulse on time beating a
 * PENDING write that landed first); the owners' writes; expiry that follows the lease and a sweep
 * that never deletes a live client; writers racing on one client. A store's test extends this class
 * and supplies {@link #newSubject}; the DynamoDB directory runs it on dynalite, on dynalite with
 * lost answers (every write retried), and on LocalStack; core's in-memory directory runs it too.
 */
public abstract class DirectoryContract extends DirectoryFixture
    implements RegistryContract,
        TakeoverContract,
        OwnerWritesContract,
        ExpiryContract,
        RaceContract {}
