package dev.rendezvous.client;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.MalformedCredentialException;
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
 * Keeps an identity as a small JSON text ({@code {"client_id", "private_id"}}): in a file readable
 * only by its owner (mode 600 where the file system has POSIX permissions, as an Android app's
 * private files directory has), or as a string for a store of the app's choosing. The text holds
 * the private key in clear: treat it like an SSH key.
 */
public final class IdentityFile {
  private IdentityFile() {}

  /**
   * Writes the identity atomically with mode 600, creating missing parent directories.
   *
   * @param overwrite whether an existing file may be replaced
   * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
   */
  public static void save(Path file, ClientCredentials identity, boolean overwrite)
      throws IOException {
    if (!overwrite && Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "identity file exists");
    }
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
    Files.write(
        tmp, (toJson(identity) + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads an identity written by {@link #save}.
   *
   * @throws IOException if the file cannot be read or does not hold a valid identity
   */
  public static ClientCredentials load(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    try {
      return fromJson(text);
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** The identity as the JSON text that {@link #save} writes (holds the private key). */
  public static String toJson(ClientCredentials identity) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("client_id", identity.clientId().hex());
    fields.put("private_id", identity.privateKey().revealHex());
    try {
      return JSON.std.asString(fields);
    } catch (IOException e) {
      throw new IllegalStateException("two strings always write as JSON", e);
    }
  }

  /**
   * Reads the JSON text of {@link #toJson}.
   *
   * @throws IOException if the text does not hold a valid identity
   */
  public static ClientCredentials fromJson(String text) throws IOException {
    Map<String, Object> fields;
    try {
      fields = JSON.std.mapFrom(text);
    } catch (IOException e) {
      throw new IOException("not an identity file (" + firstLine(e.getMessage()) + ")", e);
    }
    if (fields == null) {
      throw new IOException("not an identity file (null)");
    }
    PrivateKey key = PrivateKey.tryParse(String.valueOf(fields.get("private_id"))).orElse(null);
    if (key == null) {
      throw new IOException("private_id is not 64 hex characters");
    }
    Object id = fields.get("client_id");
    try {
      if (id != null && !ClientId.parse(id.toString()).equals(key.clientId())) {
        throw new IOException("client_id does not match private_id");
      }
    } catch (MalformedCredentialException e) {
      throw new IOException("client_id is not 32 hex characters", e);
    }
    return ClientCredentials.of(key);
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }
}
