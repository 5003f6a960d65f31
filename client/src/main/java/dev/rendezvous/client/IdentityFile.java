package dev.rendezvous.client;

import dev.rendezvous.client.http.Json;
import dev.rendezvous.client.http.MalformedJsonException;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and loads an identity as a small JSON file ({@code {"client_id", "private_id"}}) readable
 * only by its owner (mode 600 where the file system has POSIX permissions). The file holds the
 * private key in clear: treat it like an SSH key.
 */
public final class IdentityFile {
  private IdentityFile() {}

  /**
   * Writes the identity atomically with mode 600.
   *
   * @param overwrite whether an existing file may be replaced
   */
  public static void save(Path file, ClientCredentials identity, boolean overwrite)
      throws IOException {
    if (!overwrite && Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "identity file exists");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("client_id", identity.clientId().hex());
    fields.put("private_id", identity.privateKey().revealHex());
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(tmp);
    }
    Files.writeString(
        tmp, Json.write(fields) + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads an identity written by {@link #save}.
   *
   * @throws IOException if the file cannot be read or does not hold a valid identity
   */
  public static ClientCredentials load(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      Map<String, Object> fields = Json.parseObject(text);
      PrivateKey key =
          PrivateKey.tryParse(String.valueOf(fields.get("private_id")))
              .orElseThrow(() -> new IOException(file + ": private_id is not 64 hex characters"));
      Object id = fields.get("client_id");
      if (id != null && !ClientId.parse(id.toString()).equals(key.clientId())) {
        throw new IOException(file + ": client_id does not match private_id");
      }
      return ClientCredentials.of(key);
    } catch (MalformedJsonException | IllegalArgumentException e) {
      throw new IOException(file + ": not an identity file (" + e.getMessage() + ")", e);
    }
  }
}
