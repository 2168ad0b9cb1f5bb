package dev.sluice.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtDetectorTest {

  private static final String PAYLOAD = part("{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}");
  private static final String SIGNATURE = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

  private static String part(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static List<SecretMatch> find(String text) {
    List<SecretMatch> matches = new ArrayList<>();
    new JwtDetector().find(text, matches);
    return matches;
  }

  @Test
  void findsASignedToken() {
    String jwt = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + PAYLOAD + "." + SIGNATURE;
    String text = "Authorization: Bearer " + jwt + "\nHost: api";

    assertThat(find(text)).containsExactly(new SecretMatch(SecretKind.JWT, 22, 22 + jwt.length()));
  }

  @Test
  void findsAnUnsecuredTokenWithAnEmptySignature() {
    String jwt = part("{\"alg\":\"none\"}") + "." + PAYLOAD + ".";

    assertThat(find("token " + jwt)).containsExactly(new SecretMatch(SecretKind.JWT, 6, 6 + jwt.length()));
  }

  @Test
  void leavesAThreePartStringWhoseHeaderNamesNoAlgorithmAlone() {
    String notJwt = part("{\"typ\":\"JWT\"}") + "." + PAYLOAD + "." + SIGNATURE;

    assertThat(find("value " + notJwt)).isEmpty();
  }

  @Test
  void leavesAHeaderThatIsNoBase64Alone() {
    assertThat(find("eyJ!!!.abc.def and eyJx.yz")).isEmpty();
  }

  @Test
  void leavesFivePartEncryptedTokensAlone() {
    String header = part("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}");
    String jwe = header + ".abcd.efgh.ijkl.mnop";

    assertThat(find(jwe)).isEmpty();
  }
}
