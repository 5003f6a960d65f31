package dev.rendezvous.edge.limit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A thread-safe map that never holds more than its capacity: the key space is split into stripes,
 * each an access-ordered {@link LinkedHashMap} under its own lock that drops its least recently
 * used entry when full. Memory is bounded whatever an attacker sends; an evicted entry is simply
 * forgotten (a rate-limit bucket starts full again, a cached key is read from storage again).
 */
public final class BoundedLruMap<K, V> {
  private static final int STRIPE_BITS = 4;
  private static final int STRIPES = 1 << STRIPE_BITS;

  private final Stripe<K, V>[] stripes;

  @SuppressWarnings({"unchecked", "rawtypes"})
  public BoundedLruMap(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    int perStripe = Math.max(1, (capacity + STRIPES - 1) / STRIPES);
    stripes = new Stripe[STRIPES];
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe<>(perStripe);
    }
  }

  public V get(K key) {
    Stripe<K, V> s = stripe(key);
    synchronized (s) {
      return s.get(key);
    }
  }

  public void put(K key, V value) {
    Stripe<K, V> s = stripe(key);
    synchronized (s) {
      s.put(key, value);
    }
  }

  public void remove(K key) {
    Stripe<K, V> s = stripe(key);
    synchronized (s) {
      s.remove(key);
    }
  }

  /**
   * Applies {@code action} to the entry for {@code key} (created by {@code create} if absent) under
   * the stripe's lock, so that mutable values need no locking of their own.
   */
  public <R> R withEntry(K key, Function<K, V> create, BiFunction<K, V, R> action) {
    Stripe<K, V> s = stripe(key);
    synchronized (s) {
      V value = s.computeIfAbsent(key, create);
      return action.apply(key, value);
    }
  }

  /** The number of entries held now (at most the capacity, rounded up to the stripes). */
  public int size() {
    int total = 0;
    for (Stripe<K, V> s : stripes) {
      synchronized (s) {
        total += s.size();
      }
    }
    return total;
  }

  private Stripe<K, V> stripe(K key) {
    return stripes[stripeOf(key.hashCode())];
  }

  /**
   * The stripe of a hash code: the top bits of a multiplicative hash, which depend on every bit of
   * it. Not the low bits: each stripe's {@link LinkedHashMap} indexes its buckets by those, so keys
   * that shared them would crowd 1/16 of the buckets into long treeified chains.
   */
  static int stripeOf(int hashCode) {
    return (hashCode * 0x9E3779B9) >>> (Integer.SIZE - STRIPE_BITS);
  }

  private static final class Stripe<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int capacity;

    Stripe(int capacity) {
      super(16, 0.75f, true);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
      return size() > capacity;
    }
  }
}
