package dev.sluice.guard.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class VaultKeyTest {

  @Test
  void readsThirtyTwoBytesInStandardOrUrlSafeBase64() {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) 0xfb;
    bytes[1] = (byte) 0xff;
    VaultKey standard = VaultKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
    VaultKey urlSafe = VaultKey.fromBase64(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n");

    assertThat(standard.entryName("r1")).isEqualTo(urlSafe.entryName("r1"))
        .isEqualTo(VaultKey.of(bytes).entryName("r1"));
  }

  @Test
  void refusesAKeyOfAnotherLengthOrNotBase64WithoutQuotingIt() {
    String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> VaultKey.fromBase64(sixteenBytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the vault key decodes to 16 bytes; it needs 32")
        .message().doesNotContain(sixteenBytes);
    assertThatThrownBy(() -> VaultKey.fromBase64("not*base64!secret"))
        .hasMessage("the vault key is not base64");
  }

  @Test
  void entryNamesAreStableAndTellNothingAboutTheRequest() {
    VaultKey key = VaultKeys.keyA();
    String name = key.entryName("req-2025-0001");

    assertThat(name).hasSize(22).matches("[A-Za-z0-9_-]+").doesNotContain("req", "2025");
    assertThat(key.entryName("req-2025-0001")).isEqualTo(name);
    assertThat(key.entryName("req-2025-0002")).isNotEqualTo(name);
    assertThat(VaultKeys.keyB().entryName("req-2025-0001")).isNotEqualTo(name);
  }

  @Test
  void eachRequestGetsItsOwnEncryptionKey() {
    VaultKey key = VaultKeys.keyA();

    assertThat(key.entryKey("r1").getEncoded()).hasSize(32)
        .isNotEqualTo(key.entryKey("r2").getEncoded())
        .isNotEqualTo(VaultKeys.keyB().entryKey("r1").getEncoded())
        .isEqualTo(key.entryKey("r1").getEncoded());
  }

  @Test
  void toStringNeverShowsTheKey() {
    assertThat(VaultKeys.keyA().toString()).isEqualTo("VaultKey[redacted]");
  }
}
