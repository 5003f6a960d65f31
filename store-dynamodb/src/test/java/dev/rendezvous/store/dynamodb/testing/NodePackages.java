package dev.rendezvous.store.dynamodb.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The pinned Node packages of package.json (dynalite, the Spectral CLI, ...), installed with {@code
 * npm ci} at the repository root when one a test needs is missing.
 */
public final class NodePackages {
  private NodePackages() {}

  /** Runs {@code npm ci} in {@code root} unless {@code node_modules/<name>} is installed. */
  public static void ensureInstalled(Path root, String name) {
    if (Files.isRegularFile(root.resolve("node_modules").resolve(name).resolve("package.json"))) {
      return;
    }
    try {
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(root.toFile())
              .inheritIO()
              .start();
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm ci failed in " + root);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run npm ci (is Node.js 20+ with npm on PATH?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running npm ci", e);
    }
  }
}
