package dev.rendezvous.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * Synthesizes each stack once per test JVM (the first synthesis starts jsii's Node process and
 * takes 10-25 s; later ones take well under a second) with the context of the repository's
 * cdk.json, so the tests see the feature flags a real {@code cdk synth} sees.
 *
 * <p>The functions jar is another module's build output and may not exist when these tests run, so
 * the stacks point {@code functionsJar} at a small but real jar written here with {@code
 * java.util.jar}: a file asset that synthesis stages exactly as it would the shaded jar. The edge
 * image asset uses the repository's real {@code udp-edge/} directory; synthesis only stages it (no
 * docker build), so no Docker is needed.
 */
final class SynthesizedStacks {
  /** The region of the default AWS stack (the AWS stack needs one: see RendezvousApp). */
  static final String DEFAULT_REGION = "eu-central-1";

  private static Synthesized aws;
  private static Synthesized localStack;

  record Synthesized(App app, RendezvousStack stack, Template template) {
    String logicalId(IConstruct construct) {
      return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }

    /** Asserts a resource of {@code type} whose properties include {@code properties}. */
    void has(String type, Map<String, ?> properties) {
      template.hasResourceProperties(type, Match.objectLike(properties));
    }
  }

  private SynthesizedStacks() {}

  static synchronized Synthesized aws() {
    if (aws == null) {
      aws = synthesize(Map.of());
    }
    return aws;
  }

  static synchronized Synthesized localStack() {
    if (localStack == null) {
      localStack = synthesize(Map.of("localstack", "true"));
    }
    return localStack;
  }

  static Path repositoryRoot() {
    String root = System.getProperty("rendezvous.root");
    Path path = root != null ? Path.of(root) : Path.of("..");
    return path.toAbsolutePath().normalize();
  }

  static Map<String, Object> cdkJson() {
    try {
      return new ObjectMapper()
          .readValue(
              repositoryRoot().resolve("cdk.json").toFile(),
              new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cdkJsonContext() {
    return (Map<String, Object>) cdkJson().get("context");
  }

  /** A stack with these context values on top of cdk.json's; synthesized on every call. */
  static Synthesized synthesize(Map<String, Object> overrides) {
    Map<String, Object> context = new HashMap<>(cdkJsonContext());
    context.put("functionsJar", functionsJar().toString());
    context.put(
        "edgeDockerDirectory",
        repositoryRoot().resolve(InfraSettings.DEFAULT_EDGE_DIRECTORY).toString());
    context.put("alarmEmail", InfraSettings.NO_ALARM_EMAIL);
    context.put("region", DEFAULT_REGION);
    context.putAll(overrides);
    App app = App.Builder.create().context(context).build();
    InfraSettings settings = InfraSettings.fromContext(app.getNode()::tryGetContext);
    RendezvousStack stack = RendezvousApp.build(app, settings, Optional.empty());
    return new Synthesized(app, stack, Template.fromStack(stack));
  }

  /** A real, minimal jar standing in for functions/target/rendezvous-functions.jar. */
  private static Path functionsJar() {
    try {
      Path directory = Files.createTempDirectory("rendezvous-infra-test");
      directory.toFile().deleteOnExit();
      Path jar = directory.resolve("rendezvous-functions.jar");
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      try (OutputStream file = Files.newOutputStream(jar);
          JarOutputStream out = new JarOutputStream(file, manifest)) {
        out.putNextEntry(new JarEntry("README.txt"));
        out.write(
            "stand-in for the shaded functions jar in infra tests\n"
                .getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
      jar.toFile().deleteOnExit();
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
