package dev.sluice.guard.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.pii.MaskedTexts;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.pii.PiiType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PiiLeakCheckTest {

  private final PiiLeakCheck check = new PiiLeakCheck(new PiiMasker());

  @Test
  void masksTheKindsToMaskAcrossAllTexts() {
    MaskedTexts masked = check.mask(
        List.of("Write to jane@example.com or call +1 555 123 4567.", "quoted: jane@example.com"),
        EnumSet.of(PiiType.EMAIL, PiiType.PHONE));

    assertThat(masked.texts()).containsExactly("Write to [EMAIL_1] or call [PHONE_1].", "quoted: [EMAIL_1]");
    assertThat(masked.findings()).extracting(Finding::category).containsExactly("pii_email", "pii_phone");
  }

  @Test
  void findsEachOccurrenceOfABlockedKindWithoutItsValue() {
    List<Finding> blocked = check.findBlocked(
        List.of("Card 4111 1111 1111 1111 and card 5500 0000 0000 0004, mail jane@example.com"),
        EnumSet.of(PiiType.CARD));

    assertThat(blocked).hasSize(2).allSatisfy(finding -> {
      assertThat(finding.detector()).isEqualTo(PiiMasker.NAME);
      assertThat(finding.category()).isEqualTo("pii_card");
      assertThat(finding.span()).isNull();
      assertThat(finding.toString()).doesNotContain("4111", "5500");
    });
  }

  @Test
  void leavesKindsInNeitherSetAlone() {
    String text = "call +1 555 123 4567";

    assertThat(check.findBlocked(List.of(text), Set.of())).isEmpty();
    assertThat(check.mask(List.of(text), EnumSet.of(PiiType.EMAIL)).texts()).containsExactly(text);
  }
}
