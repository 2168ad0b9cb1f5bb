package dev.sluice.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretScannerTest {

  private final SecretScanner scanner = new SecretScanner();

  @Test
  void reportsAProviderTokenAssignedToASecretKeyOnceWithItsSpecificKind() {
    String token = "ghp_aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz1C3";
    String text = "GITHUB_TOKEN=" + token;

    assertThat(scanner.find(text)).containsExactly(new SecretMatch(SecretKind.GITHUB_TOKEN, 13, text.length()));
  }

  @Test
  void returnsMatchesSortedByStart() {
    String text = "password=Xk29fPqL7mZw then AKIAIOSFODNN7EXAMPLE";

    assertThat(scanner.find(text)).extracting(SecretMatch::kind)
        .containsExactly(SecretKind.ASSIGNED_SECRET, SecretKind.AWS_ACCESS_KEY_ID);
  }

  @Test
  void findsNothingInOrdinaryProse() {
    assertThat(scanner.find("The token economy: a secret to success is practice, key: patience.")).isEmpty();
  }
}
