package dev.sluice.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where things are: the built jars of the repository and the git-ignored work folder that holds the stack's data
 * and one log file per process.
 *
 * @param repositoryRoot the Sluice checkout (the folder with the root pom.xml)
 * @param workDirectory data and logs ({@code .sluice/} by default)
 */
public record StackLayout(Path repositoryRoot, Path workDirectory) {

  /** The layout of the checkout that contains {@code start}, with data in its {@code .sluice/} folder. */
  public static StackLayout locate(Path start) {
    Path root = findRoot(start.toAbsolutePath())
        .orElseThrow(() -> new IllegalStateException("no Sluice checkout (a pom.xml with artifactId sluice-parent) "
            + "at or above " + start.toAbsolutePath()));
    return new StackLayout(root, root.resolve(".sluice"));
  }

  /** The same checkout with data somewhere else, e.g. a test's temporary folder. */
  public StackLayout withWorkDirectory(Path directory) {
    return new StackLayout(repositoryRoot, directory);
  }

  public Path logs() {
    return workDirectory.resolve("logs");
  }

  public Path logFile(String processName) {
    return logs().resolve(processName + ".log");
  }

  public Path data(String part) {
    return workDirectory.resolve("data").resolve(part);
  }

  /**
   * The executable jar a module builds: {@code <module>-<version>-exec.jar} where the module is also used as a
   * library (its plain jar must stay one), else the repackaged {@code <module>-<version>.jar}.
   */
  public Path serviceJar(String module) {
    Path target = repositoryRoot.resolve(module).resolve("target");
    Path exec = target.resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
    return Files.isRegularFile(exec) ? exec : requireFile(target.resolve(module + "-0.1.0-SNAPSHOT.jar"), module);
  }

  /** The Apicurio Registry runner built by the schema-registry module. */
  public Path registryRunnerJar() {
    Path target = repositoryRoot.resolve("schema-registry").resolve("target");
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + target
              + ": build first (./mvnw -DskipTests install)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Classpath of the launcher's own module, used to run the Kafka broker and its storage tool. */
  public String launcherClasspath() {
    Path module = repositoryRoot.resolve("local-stack").resolve("target");
    Path lib = module.resolve("lib");
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException("missing " + lib + ": build first (./mvnw -DskipTests install)");
    }
    return module.resolve("classes") + File.pathSeparator + lib + File.separator + "*";
  }

  /** The java executable of the running JVM, used for every child JVM. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Path requireFile(Path file, String module) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("missing " + file + ": build " + module + " first (./mvnw -DskipTests install)");
    }
    return file;
  }

  private static Optional<Path> findRoot(Path from) {
    for (Path dir = from; dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      try {
        if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>sluice-parent</artifactId>")
            && Files.isDirectory(dir.resolve("schemas"))) {
          return Optional.of(dir);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.empty();
  }
}
