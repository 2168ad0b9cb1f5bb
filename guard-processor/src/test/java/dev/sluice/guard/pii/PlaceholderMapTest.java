package dev.sluice.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholderMapTest {

  @Test
  void isACopyThatCannotBeChanged() {
    Map<String, String> source = new LinkedHashMap<>(Map.of("[EMAIL_1]", "jane@example.com"));
    PlaceholderMap map = PlaceholderMap.of(source);
    source.put("[EMAIL_2]", "joe@example.com");

    assertThat(map.originals()).containsExactly(Map.entry("[EMAIL_1]", "jane@example.com"));
    assertThatThrownBy(() -> map.originals().put("[PHONE_1]", "1")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void restoresItsPlaceholdersAndLeavesOtherBracketsAlone() {
    PlaceholderMap map = PlaceholderMap.of(Map.of("[EMAIL_1]", "jane@example.com", "[CARD_1]", "4111 1111 1111 1111"));

    assertThat(map.restore("Sent [EMAIL_1] a receipt for [CARD_1]; [EMAIL_2] and [see note] unchanged."))
        .isEqualTo("Sent jane@example.com a receipt for 4111 1111 1111 1111; [EMAIL_2] and [see note] unchanged.");
  }

  @Test
  void restoresOriginalsHoldingReplacementSyntaxLiterally() {
    PlaceholderMap map = PlaceholderMap.of(Map.of("[SECRET_1]", "a$1b\\c"));

    assertThat(map.restore("key [SECRET_1]")).isEqualTo("key a$1b\\c");
  }

  @Test
  void toStringNamesPlaceholdersButNoOriginal() {
    PlaceholderMap map = PlaceholderMap.of(Map.of("[EMAIL_1]", "jane@example.com"));

    assertThat(map.toString()).contains("[EMAIL_1]").doesNotContain("jane");
  }

  @Test
  void emptyMapRestoresNothing() {
    assertThat(PlaceholderMap.empty().isEmpty()).isTrue();
    assertThat(PlaceholderMap.empty().restore("[EMAIL_1]")).isEqualTo("[EMAIL_1]");
    assertThat(PlaceholderMap.of(Map.of())).isEqualTo(PlaceholderMap.empty());
  }

  @Test
  void listsWhereItsOwnPlaceholdersOccurAndNoOthers() {
    PlaceholderMap map = PlaceholderMap.of(Map.of("[EMAIL_1]", "jane@example.com", "[PHONE_1]", "+1 650 253 0000"));

    assertThat(map.occurrencesIn("[EMAIL_1], [EMAIL_2] and [PHONE_1] or [EMAIL_1]")).containsExactly(
        new PlaceholderMap.Occurrence("[EMAIL_1]", 0, 9),
        new PlaceholderMap.Occurrence("[PHONE_1]", 25, 34),
        new PlaceholderMap.Occurrence("[EMAIL_1]", 38, 47));
    assertThat(map.occurrencesIn("no placeholder here")).isEmpty();
    assertThat(PlaceholderMap.empty().occurrencesIn("[EMAIL_1]")).isEmpty();
  }

  @Test
  void tellsWhetherATextHoldsAnythingShapedLikeAPlaceholder() {
    assertThat(PlaceholderMap.mayHoldPlaceholders("mail [EMAIL_7] now")).isTrue();
    assertThat(PlaceholderMap.mayHoldPlaceholders("a [link](x) and [EMAIL] and [email_1]")).isFalse();
    assertThat(PlaceholderMap.mayHoldPlaceholders("plain")).isFalse();
  }
}
