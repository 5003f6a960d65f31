package dev.rendezvous.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.protocol.identity.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The digests keep one instance per thread: many threads hashing at once (the edge's event loops,
 * an app's threads) must each get exactly what one thread alone gets.
 */
class ConcurrentDigestsTest {
  private static final int KEYS = 64;

  @Test
  void threadsHashingAtOnceGetWhatOneThreadGets() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    List<PrivateKey> keys = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    byte[] message = new byte[44];
    random.nextBytes(message);
    for (int i = 0; i < KEYS; i++) {
      byte[] bytes = new byte[PrivateKey.LENGTH_BYTES];
      random.nextBytes(bytes);
      PrivateKey key = PrivateKey.fromBytes(bytes);
      keys.add(key);
      expected.add(digests(key, message));
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        results.add(
            threads.submit(
                () -> {
                  int mismatches = 0;
                  for (int i = 0; i < 2_000; i++) {
                    int k = (i * 7 + offset) % KEYS;
                    if (!digests(keys.get(k), message).equals(expected.get(k))) {
                      mismatches++;
                    }
                  }
                  return mismatches;
                }));
      }
      for (Future<Integer> r : results) {
        assertThat(r.get()).isZero();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static String digests(PrivateKey key, byte[] message) {
    return key.clientId()
        + " "
        + key.verifier().hashCode()
        + " "
        + Arrays.toString(MessageAuthenticator.mac(key.pulseMacKey(), message, message.length));
  }
}
