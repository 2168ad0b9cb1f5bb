package dev.sluice.schemas.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.AvroRuntimeException;

/**
 * Build check: every schema released in a baseline folder must stay BACKWARD compatible with the one in the
 * source folder (a reader on the current schema can read data written with the released one), judged by Avro's
 * own {@link SchemaCompatibility}. Removing a released type is a break too.
 */
public final class SchemaCompatibilityCheck {

  private SchemaCompatibilityCheck() {
  }

  /** One released type that the current schemas can no longer read. */
  public record Incompatibility(String typeName, String reason) {
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: SchemaCompatibilityCheck <current-avro-dir> <released-avro-dir>");
    }
    Path current = Path.of(args[0]);
    Path released = Path.of(args[1]);
    List<Incompatibility> problems = check(current, released);
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder("Schemas in " + current + " break BACKWARD compatibility with "
          + released + ":");
      problems.forEach(p -> message.append("\n  ").append(p.typeName()).append(": ").append(p.reason()));
      throw new IllegalStateException(message.toString());
    }
    System.out.println("[schemas] " + loadAll(released).size() + " released types are BACKWARD compatible");
  }

  /** Compares every named type of {@code released} with the same name in {@code current}. */
  public static List<Incompatibility> check(Path current, Path released) {
    Map<String, Schema> now = loadAll(current);
    Map<String, Schema> before = loadAll(released);
    List<Incompatibility> problems = new ArrayList<>();
    before.forEach((name, releasedSchema) -> {
      Schema currentSchema = now.get(name);
      if (currentSchema == null) {
        problems.add(new Incompatibility(name, "type was removed"));
        return;
      }
      SchemaCompatibility.SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(currentSchema, releasedSchema);
      if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
        problems.add(new Incompatibility(name, result.getResult().getIncompatibilities().toString()));
      }
    });
    return problems;
  }

  /** Parses every {@code .avsc} under {@code root}, in whatever order resolves their references. */
  public static Map<String, Schema> loadAll(Path root) {
    List<Path> pending = avscFiles(root);
    List<Path> ordered = new ArrayList<>();
    while (!pending.isEmpty()) {
      Path resolved = null;
      AvroRuntimeException lastError = null;
      for (Path candidate : pending) {
        try {
          parse(ordered, candidate);
          resolved = candidate;
          break;
        } catch (AvroRuntimeException e) {
          lastError = e;
        }
      }
      if (resolved == null) {
        throw new IllegalStateException("cannot resolve schemas " + pending + ": " + lastError.getMessage(), lastError);
      }
      ordered.add(resolved);
      pending.remove(resolved);
    }
    Schema.Parser parser = new Schema.Parser();
    Map<String, Schema> types = new LinkedHashMap<>();
    for (Path file : ordered) {
      Schema schema = parseFile(parser, file);
      types.put(schema.getFullName(), schema);
    }
    return types;
  }

  private static void parse(List<Path> dependencies, Path candidate) {
    Schema.Parser parser = new Schema.Parser();
    for (Path dependency : dependencies) {
      parseFile(parser, dependency);
    }
    parseFile(parser, candidate);
  }

  private static Schema parseFile(Schema.Parser parser, Path file) {
    try {
      return parser.parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> avscFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return new ArrayList<>(files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
