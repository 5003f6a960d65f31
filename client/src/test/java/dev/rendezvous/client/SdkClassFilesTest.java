package dev.rendezvous.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.protocol.identity.ClientId;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the Android API check cannot see: class-file features. Animal-sniffer proves every API the
 * SDK calls exists on Android API level 26; this proves the SDK's classes (client and protocol) are
 * plain classes that Android's D8 compiler takes from a library as they are: no records, no sealed
 * types, class files no newer than Java 17.
 */
class SdkClassFilesTest {
  private static final int JAVA_17_MAJOR = 61;

  @Test
  void theSdkHasNoRecordsNoSealedTypesAndJava17ClassFiles() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Class<?> anchor : List.of(RendezvousClient.class, ClientId.class)) {
      Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        checkAll(location, checked);
      } else {
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
          checkAll(jar.getPath("/"), checked);
        }
      }
    }
    assertThat(checked)
        .contains("dev.rendezvous.client.session.SessionConfig")
        .contains("dev.rendezvous.protocol.v2.PulseV2Reply")
        .hasSizeGreaterThan(40);
  }

  private void checkAll(Path root, List<String> checked) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> classFiles =
          walk.filter(f -> f.toString().endsWith(".class"))
              .filter(f -> !f.toString().contains("META-INF"))
              .collect(Collectors.toList());
      for (Path file : classFiles) {
        String name =
            root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.endsWith("package-info") || name.equals("module-info")) {
          continue;
        }
        Class<?> c = Class.forName(name, false, getClass().getClassLoader());
        assertThat(c.isRecord()).as(name + " is a record").isFalse();
        assertThat(c.isSealed()).as(name + " is sealed").isFalse();
        assertThat(majorVersion(file)).as(name).isLessThanOrEqualTo(JAVA_17_MAJOR);
        checked.add(name);
      }
    }
  }

  private static int majorVersion(Path classFile) throws IOException {
    try (InputStream in = Files.newInputStream(classFile);
        DataInputStream data = new DataInputStream(in)) {
      data.readInt(); // 0xCAFEBABE
      data.readUnsignedShort(); // minor
      return data.readUnsignedShort();
    }
  }
}
