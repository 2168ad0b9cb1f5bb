package dev.sluice.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCompatibilityCheckTest {

  private static final Path RELEASED = Path.of("src/compat/released");
  private static final Path CURRENT = Path.of("src/main/avro");

  @Test
  void currentSchemasReadEveryReleasedVersion() {
    assertThat(SchemaCompatibilityCheck.check(CURRENT, RELEASED)).isEmpty();
  }

  @Test
  void aNewRequiredFieldWithoutDefaultIsRejected() throws URISyntaxException {
    List<SchemaCompatibilityCheck.Incompatibility> problems =
        SchemaCompatibilityCheck.check(fixture("breaking"), RELEASED);

    assertThat(problems).extracting(SchemaCompatibilityCheck.Incompatibility::typeName)
        .contains("dev.sluice.events.ChatRequest");
    assertThat(problems.get(0).reason()).contains("region");
  }

  @Test
  void theBuildEntryPointFailsOnABreakingChange() throws URISyntaxException {
    String breaking = fixture("breaking").toString();
    assertThatThrownBy(() -> SchemaCompatibilityCheck.main(new String[] {breaking, RELEASED.toString()}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BACKWARD");
  }

  @Test
  void anOptionalFieldWithDefaultIsAccepted() throws URISyntaxException {
    assertThat(SchemaCompatibilityCheck.check(fixture("compatible"), RELEASED)).isEmpty();
  }

  @Test
  void removingAReleasedTypeIsABreak(@TempDir Path current) throws IOException {
    try (Stream<Path> files = Files.walk(CURRENT)) {
      for (Path source : files.filter(Files::isRegularFile).toList()) {
        Path target = current.resolve(CURRENT.relativize(source).toString());
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
      }
    }
    Files.delete(current.resolve("events/Alert.avsc"));

    assertThat(SchemaCompatibilityCheck.check(current, RELEASED))
        .containsExactly(new SchemaCompatibilityCheck.Incompatibility("dev.sluice.events.Alert", "type was removed"));
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(SchemaCompatibilityCheckTest.class.getResource("/compat/" + name).toURI());
  }
}
