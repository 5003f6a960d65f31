package dev.rendezvous.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {
  @TempDir Path dir;

  private static ClientCredentials fresh() {
    return ClientCredentials.of(new CredentialFactory().issue().privateKey());
  }

  @Test
  void savesWithOwnerOnlyPermissionsAndLoadsBack() throws IOException {
    Path file = dir.resolve("sub/me.json");
    ClientCredentials me = fresh();
    IdentityFile.save(file, me, false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(IdentityFile.load(file)).isEqualTo(me);
    assertThat(Files.readString(file)).contains(me.clientId().hex());
    assertThat(me.toString()).doesNotContain(me.privateKey().revealHex());
  }

  @Test
  void refusesToOverwriteUnlessAsked() throws IOException {
    Path file = dir.resolve("me.json");
    IdentityFile.save(file, fresh(), false);
    assertThatThrownBy(() -> IdentityFile.save(file, fresh(), false))
        .isInstanceOf(FileAlreadyExistsException.class);
    ClientCredentials other = fresh();
    IdentityFile.save(file, other, true);
    assertThat(IdentityFile.load(file)).isEqualTo(other);
  }

  @Test
  void rejectsFilesThatAreNotIdentities() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"private_id\":\"xyz\"}");
    assertThatThrownBy(() -> IdentityFile.load(file)).hasMessageContaining("64 hex");
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> IdentityFile.load(file)).hasMessageContaining("not an identity");
    ClientCredentials a = fresh();
    Files.writeString(
        file,
        "{\"client_id\":\""
            + fresh().clientId().hex()
            + "\",\"private_id\":\""
            + a.privateKey().revealHex()
            + "\"}");
    assertThatThrownBy(() -> IdentityFile.load(file)).hasMessageContaining("does not match");
  }
}
