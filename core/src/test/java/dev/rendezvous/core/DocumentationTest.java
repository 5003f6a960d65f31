package dev.rendezvous.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's documentation stands on its own: users have only the repository, so no file
 * points outside it (a contract elsewhere, a sibling folder), and every relative Markdown link
 * leads to a file that exists.
 */
class DocumentationTest {
  private static final Path ROOT = Path.of(System.getProperty("rendezvous.root", "..")).normalize();
  private static final Set<String> SKIPPED =
      Set.of("node_modules", "target", ".git", "cdk.out", ".local");
  private static final Pattern OUTSIDE =
      Pattern.compile("\\.\\./shared|/work/shared|\\b(SPEC|TOOLCHAIN|STYLE)\\.md|\\bSPEC\\b");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void nothingPointsOutsideTheRepository() {
    List<String> found = new ArrayList<>();
    for (Path file : files(".md", ".yaml", ".java", ".sh", ".toml", ".properties", "run-local")) {
      if (file.endsWith(Path.of("dev/rendezvous/core/DocumentationTest.java"))) {
        continue; // the patterns above
      }
      String[] lines = read(file).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (OUTSIDE.matcher(lines[i]).find()) {
          found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
        }
      }
    }
    assertThat(found).as("pointers outside the repository").isEmpty();
  }

  @Test
  void everyRelativeMarkdownLinkLeadsToAFile() {
    List<Path> markdown = files(".md");
    List<String> broken = new ArrayList<>();
    for (Path file : markdown) {
      Matcher link = LINK.matcher(read(file));
      while (link.find()) {
        String target = link.group(1);
        if (target.startsWith("#") || target.matches("[a-z]+:.*")) {
          continue; // an anchor in the same page, or a URL
        }
        Path resolved = file.getParent().resolve(target.replaceFirst("#.*", "")).normalize();
        if (!Files.exists(resolved)) {
          broken.add(ROOT.relativize(file) + " -> " + target);
        }
      }
    }
    assertThat(markdown).as("the README and docs were found").hasSizeGreaterThan(10);
    assertThat(broken).as("broken links").isEmpty();
  }

  private static List<Path> files(String... endings) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          ROOT,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              return SKIPPED.contains(String.valueOf(dir.getFileName())) && !dir.equals(ROOT)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              String name = file.getFileName().toString();
              if (attributes.isRegularFile() && Stream.of(endings).anyMatch(name::endsWith)) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
