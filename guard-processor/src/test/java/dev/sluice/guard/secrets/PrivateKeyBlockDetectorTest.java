package dev.sluice.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateKeyBlockDetectorTest {

  private static final String BODY = "\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n";

  private static List<SecretMatch> find(String text) {
    List<SecretMatch> matches = new ArrayList<>();
    new PrivateKeyBlockDetector().find(text, matches);
    return matches;
  }

  @ParameterizedTest
  @ValueSource(strings = {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
      "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"})
  void findsTheWholeBlockFromBeginToEnd(String label) {
    String block = "-----BEGIN " + label + "-----" + BODY + "-----END " + label + "-----";
    String text = "my key:\n" + block + "\nthanks";

    assertThat(find(text)).containsExactly(new SecretMatch(SecretKind.PRIVATE_KEY, 8, 8 + block.length()));
  }

  @Test
  void masksACutOffBlockToTheEndOfTheText() {
    String text = "see -----BEGIN RSA PRIVATE KEY-----" + BODY;

    assertThat(find(text)).containsExactly(new SecretMatch(SecretKind.PRIVATE_KEY, 4, text.length()));
  }

  @Test
  void findsTwoBlocks() {
    String block = "-----BEGIN PRIVATE KEY-----" + BODY + "-----END PRIVATE KEY-----";

    assertThat(find(block + "\n" + block)).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-----BEGIN CERTIFICATE-----", "-----BEGIN PUBLIC KEY-----",
      "-----BEGIN RSA PUBLIC KEY-----", "-----BEGIN A B C D E F G H I J K L M N O P"})
  void leavesCertificatesAndPublicKeysAlone(String header) {
    assertThat(find(header + BODY)).isEmpty();
  }
}
