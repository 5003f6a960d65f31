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

  @Test
  void theJsonTextRoundTripsForAppsThatKeepItElsewhere() throws IOException {
    ClientCredentials me = fresh();
    String json = IdentityFile.toJson(me);
    assertThat(json)
        .isEqualTo(
            "{\"client_id\":\""
                + me.clientId().hex()
                + "\",\"private_id\":\""
                + me.privateKey().revealHex()
                + "\"}");
    assertThat(IdentityFile.fromJson(json)).isEqualTo(me);
    assertThatThrownBy(() -> IdentityFile.fromJson("[1]")).hasMessageContaining("not an identity");
    assertThatThrownBy(
            () ->
                IdentityFile.fromJson(
                    "{\"client_id\":\"xyz\",\"private_id\":\""
                        + me.privateKey().revealHex()
                        + "\"}"))
        .hasMessageContaining("client_id is not 32 hex");
  }
}
