package dev.rendezvous.store.dynamodb.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the repository root (where package.json and tools/ live) from any module's tests. */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  public static Path find() {
    String configured = System.getProperty("rendezvous.root");
    if (configured != null && isRoot(Paths.get(configured))) {
      return Paths.get(configured).toAbsolutePath();
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      if (isRoot(dir)) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "cannot find the repository root (a folder with package.json and tools/dynalite-server.js)"
            + " above "
            + Paths.get("").toAbsolutePath());
  }

  private static boolean isRoot(Path dir) {
    return Files.isRegularFile(dir.resolve("package.json"))
        && Files.isRegularFile(dir.resolve("tools/dynalite-server.js"));
  }
}
