package dev.sluice.guard.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.guard.pii.PlaceholderMap;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholderSealerTest {

  private static final PlaceholderMap MAP = PlaceholderMap.of(new LinkedHashMap<>(Map.of(
      "[EMAIL_1]", "Jane.Doe@Example.com",
      "[PHONE_1]", "(415) 555-0132",
      "[SECRET_1]", "sk-live-$1\\\\zürich-🔑")));

  private final PlaceholderSealer sealer = new PlaceholderSealer(VaultKeys.keyA(), VaultKeys.seeded(7));

  @Test
  void opensWhatItSealedForTheSameRequest() throws Exception {
    byte[] sealed = sealer.seal("r1", MAP);

    assertThat(sealer.open("r1", sealed)).isEqualTo(MAP);
    assertThat(sealer.open("r1", sealed).originals().keySet()).containsExactlyElementsOf(MAP.originals().keySet());
    assertThat(sealer.open("r0", sealer.seal("r0", PlaceholderMap.empty()))).isEqualTo(PlaceholderMap.empty());
  }

  @Test
  void theSealedFormHoldsNoOriginal() {
    String sealed = new String(sealer.seal("r1", MAP), StandardCharsets.ISO_8859_1);

    assertThat(sealed).doesNotContain("Jane", "Example", "555", "sk-live", "EMAIL");
  }

  @Test
  void aRandomNoncePerEntrySoTheSameMapSealsDifferentlyEachTime() throws Exception {
    byte[] first = sealer.seal("r1", MAP);
    byte[] second = sealer.seal("r1", MAP);

    assertThat(first).isNotEqualTo(second);
    assertThat(Arrays.copyOfRange(first, 1, 13)).isNotEqualTo(Arrays.copyOfRange(second, 1, 13));
    assertThat(sealer.open("r1", second)).isEqualTo(sealer.open("r1", first));
  }

  @Test
  void anEntryDoesNotOpenForAnotherRequest() {
    byte[] sealed = sealer.seal("r1", MAP);

    assertThatThrownBy(() -> sealer.open("r2", sealed)).isInstanceOf(UnreadableEntryException.class)
        .hasMessageContaining("failed authentication");
  }

  @Test
  void anEntryDoesNotOpenUnderAnotherKey() {
    byte[] sealed = sealer.seal("r1", MAP);
    PlaceholderSealer other = new PlaceholderSealer(VaultKeys.keyB(), VaultKeys.seeded(7));

    assertThatThrownBy(() -> other.open("r1", sealed)).isInstanceOf(UnreadableEntryException.class);
  }

  @Test
  void anyChangedByteMakesTheEntryUnreadable() {
    byte[] sealed = sealer.seal("r1", MAP);

    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      int position = i;
      assertThatThrownBy(() -> sealer.open("r1", tampered)).as("byte %d changed", position)
          .isInstanceOf(UnreadableEntryException.class);
    }
  }

  @Test
  void aTruncatedOrForeignEntryIsUnreadable() {
    byte[] sealed = sealer.seal("r1", MAP);

    assertThatThrownBy(() -> sealer.open("r1", Arrays.copyOf(sealed, sealed.length - 1)))
        .isInstanceOf(UnreadableEntryException.class);
    assertThatThrownBy(() -> sealer.open("r1", Arrays.copyOf(sealed, 20)))
        .isInstanceOf(UnreadableEntryException.class).hasMessageContaining("too short");
    byte[] plainJson = "{\"EMAIL_1\":\"jane.doe@example.com\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> sealer.open("r1", plainJson))
        .isInstanceOf(UnreadableEntryException.class).hasMessageContaining("unknown format");
  }
}
