package dev.sluice.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.detect.Span;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiMaskerTest {

  private static final Set<PiiType> ALL = EnumSet.allOf(PiiType.class);

  private final PiiMasker masker = new PiiMasker();

  private String mask(String text) {
    return masker.mask(List.of(text), ALL).texts().get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jane.doe@example.com", "J.Doe+tag@mail.example.co.uk", "x_y-z%1@sub-domain.io"})
  void masksEmailAddresses(String address) {
    assertThat(mask("write to " + address + ", thanks")).isEqualTo("write to [EMAIL_1], thanks");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5555 5555 5555 4444",
      "3782 822463 10005", "6011 0009 9013 9424"})
  void masksLuhnValidCardNumbers(String card) {
    assertThat(mask("card: " + card + ".")).isEqualTo("card: [CARD_1].");
  }

  @Test
  void findsACardNextToOtherNumbers() {
    assertThat(mask("pay 4111 1111 1111 1111 12/27 cvv 123")).isEqualTo("pay [CARD_1] 12/27 cvv 123");
    assertThat(mask("order 12 4111 1111 1111 1111")).isEqualTo("order 12 [CARD_1]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111 1111 1111 1112", "1234 5678 9012 3456", "41111111111111111111111"})
  void leavesNumbersThatFailLuhnOrLengthAlone(String digits) {
    assertThat(mask("ref " + digits)).isEqualTo("ref " + digits);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1 555 123 4567", "+44 20 7946 0958", "+4915112345678", "+1 (555) 123-4567",
      "(555) 123-4567", "555-123-4567", "555.123.4567", "030 12345678", "020 7946 0958", "06 12 34 56 78"})
  void masksPhoneNumbers(String phone) {
    assertThat(mask("call me at " + phone + " today")).isEqualTo("call me at [PHONE_1] today");
  }

  @ParameterizedTest
  @ValueSource(strings = {"version 1.2.3", "on 2024-01-15 at 10:30", "order 12345", "costs 1,299.00 USD",
      "pi is 3.14159265358979", "id 550e8400-e29b-41d4-a716-446655440000", "port 8080"})
  void leavesOrdinaryNumbersAlone(String text) {
    assertThat(mask(text)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ping @maria on slack", "a @ b", "user@localhost", "x@y.", "@@@"})
  void leavesAtSignsThatAreNoAddressAlone(String text) {
    assertThat(mask(text)).isEqualTo(text);
  }

  @Test
  void leavesALocalPartLongerThanAnAddressAllowsAlone() {
    String text = "key=" + "k".repeat(65) + "@example.com";

    assertThat(mask(text)).isEqualTo(text);
  }

  @Test
  void numbersPlaceholdersConsistentlyAcrossTexts() {
    MaskedTexts masked = masker.mask(List.of(
        "I am a@x.io and b@y.io, card 4111 1111 1111 1111",
        "again: A@X.io, call +1 555 123 4567",
        "card 4111-1111-1111-1111 and c@z.io"), ALL);

    assertThat(masked.texts()).containsExactly(
        "I am [EMAIL_1] and [EMAIL_2], card [CARD_1]",
        "again: [EMAIL_1], call [PHONE_1]",
        "card [CARD_1] and [EMAIL_3]");
    assertThat(masked.maskedCount()).isEqualTo(7);
    assertThat(masked.findings()).extracting(Finding::category)
        .containsExactly("pii_email", "pii_email", "pii_card", "pii_phone", "pii_email");
  }

  @Test
  void findingsNameTheKindButCarryNoValueAndNoSpan() {
    MaskedTexts masked = masker.mask(List.of("mail jane@example.com"), ALL);

    assertThat(masked.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.detector()).isEqualTo(PiiMasker.NAME);
      assertThat(finding.threatLevel()).isEqualTo(ThreatLevel.NONE);
      assertThat(finding.span()).isNull();
      assertThat(finding.toString()).doesNotContain("jane");
    });
  }

  @Test
  void continuesNumberingAfterPlaceholdersAlreadyInTheConversation() {
    MaskedTexts masked = masker.mask(List.of("earlier answer mentioned [EMAIL_1] and [EMAIL_4]",
        "my address is new@example.com"), ALL);

    assertThat(masked.texts().get(1)).isEqualTo("my address is [EMAIL_5]");
  }

  @Test
  void masksOnlyTheKindsAsked() {
    MaskedTexts masked = masker.mask(List.of("a@x.io +1 555 123 4567"), EnumSet.of(PiiType.PHONE));

    assertThat(masked.texts()).containsExactly("a@x.io [PHONE_1]");
  }

  @Test
  void anEmailWinsOverTheDigitsInside() {
    assertThat(mask("5551234567@sms.example.com")).isEqualTo("[EMAIL_1]");
  }

  @Test
  void returnsTextsWithoutPersonalDataUnchanged() {
    String text = "Summarize the quarterly report in three bullet points.";

    MaskedTexts masked = masker.mask(List.of(text), ALL);

    assertThat(masked.texts().get(0)).isSameAs(text);
    assertThat(masked.maskedCount()).isZero();
    assertThat(masked.findings()).isEmpty();
  }

  @Test
  void findReportsSpansInTheOriginalTextWithoutChangingIt() {
    String text = "Mail  jane@example.com,\tcard 4111-1111-1111-1111 or +1 555 123 4567.";

    List<PiiSpan> spans = masker.find(text, ALL);

    assertThat(spans).extracting(PiiSpan::type).containsExactly(PiiType.EMAIL, PiiType.CARD, PiiType.PHONE);
    assertThat(spans).extracting(span -> text.substring(span.span().start(), span.span().end()))
        .containsExactly("jane@example.com", "4111-1111-1111-1111", "+1 555 123 4567");
  }

  @Test
  void findAgreesWithMaskOnPriorityAndKinds() {
    assertThat(masker.find("5551234567@sms.example.com", ALL))
        .containsExactly(new PiiSpan(PiiType.EMAIL, new Span(0, 26)));
    assertThat(masker.find("a@x.io +1 555 123 4567", EnumSet.of(PiiType.PHONE)))
        .containsExactly(new PiiSpan(PiiType.PHONE, new Span(7, 22)));
    assertThat(masker.find("nothing personal here", ALL)).isEmpty();
  }

  @Test
  void masksEveryKindWithItsOwnPlaceholder() {
    String text = "key AKIAIOSFODNN7EXAMPLE, mail a@x.io, IBAN GB82 WEST 1234 5698 7654 32, card 4111111111111111,"
        + " SSN 123-45-6789, from 192.168.1.20 or 2001:db8::1, phone +44 20 7946 0958";

    assertThat(mask(text)).isEqualTo("key [SECRET_1], mail [EMAIL_1], IBAN [IBAN_1], card [CARD_1],"
        + " SSN [SSN_1], from [IP_1] or [IP_2], phone [PHONE_1]");
  }

  @Test
  void handsBackEachPlaceholderWithTheValueAsFirstWritten() {
    MaskedTexts masked = masker.mask(List.of(
        "I am Jane@Example.com, call +1 650-253-0000",
        "again jane@example.com and (650) 253-0000, IBAN GB82WEST12345698765432"), ALL);

    assertThat(masked.texts()).containsExactly("I am [EMAIL_1], call [PHONE_1]",
        "again [EMAIL_1] and [PHONE_1], IBAN [IBAN_1]");
    assertThat(masked.placeholders().originals()).containsExactly(
        Map.entry("[EMAIL_1]", "Jane@Example.com"),
        Map.entry("[PHONE_1]", "+1 650-253-0000"),
        Map.entry("[IBAN_1]", "GB82WEST12345698765432"));
    assertThat(masked.placeholders().restore(masked.texts().get(1)))
        .isEqualTo("again Jane@Example.com and +1 650-253-0000, IBAN GB82WEST12345698765432");
    assertThat(masked.toString()).doesNotContain("Jane").doesNotContain("650");
  }

  @Test
  void handsBackNoOriginalsForPlaceholdersAlreadyInTheConversation() {
    MaskedTexts masked = masker.mask(List.of("earlier: [IBAN_2] and [SSN_1]", "new DE89370400440532013000"), ALL);

    assertThat(masked.texts().get(1)).isEqualTo("new [IBAN_3]");
    assertThat(masked.placeholders().originals()).containsOnlyKeys("[IBAN_3]");
  }

  @Test
  void handsBackAnEmptyMapWhenNothingWasMasked() {
    assertThat(masker.mask(List.of("nothing here"), ALL).placeholders().isEmpty()).isTrue();
  }

  @Test
  void aSecretWinsOverThePersonalDataInsideIt() {
    assertThat(mask("password=\"jane@x.io+4155550132\"")).isEqualTo("password=\"[SECRET_1]\"");
  }

  @Test
  void anSsnOrAnIpAddressWinsOverAPhoneNumberInTheSameDigits() {
    assertThat(mask("call 123-45-6789")).isEqualTo("call [SSN_1]");
    assertThat(mask("call 10.20.30.40")).isEqualTo("call [IP_1]");
  }

  @Test
  void anIbanWinsOverACardNumberInsideIt() {
    String iban = "DE08 3704 0044 0532 0131 00";
    assertThat(Luhn.isValid("3704004405320131")).as("four of its groups pass Luhn").isTrue();

    assertThat(masker.find("IBAN " + iban, ALL)).containsExactly(new PiiSpan(PiiType.IBAN, new Span(5, 32)));
    assertThat(masker.find("IBAN " + iban, EnumSet.of(PiiType.CARD))).extracting(PiiSpan::type)
        .containsExactly(PiiType.CARD);
  }

  @Test
  void withSeveralPhoneRegionsOneNumberWrittenTwoWaysGetsOnePlaceholder() {
    PiiMasker usAndGb = new PiiMasker(PhoneRegions.of(List.of("US", "GB")));

    MaskedTexts masked = usAndGb.mask(List.of("office (020) 7946 0958, from abroad +44 20 7946 0958",
        "or (415) 555-0132 in California"), ALL);

    assertThat(masked.texts()).containsExactly("office [PHONE_1], from abroad [PHONE_1]", "or [PHONE_2] in California");
    assertThat(masked.placeholders().originals()).containsExactly(
        Map.entry("[PHONE_1]", "(020) 7946 0958"), Map.entry("[PHONE_2]", "(415) 555-0132"));
  }

  @Test
  void aPhoneRegionOtherThanTheDefaultReadsThatCountrysNationalNumbers() {
    assertThat(new PiiMasker("GB").find("see (020) 7946 0958", ALL)).extracting(PiiSpan::type)
        .containsExactly(PiiType.PHONE);
    assertThat(new PiiMasker().find("see (020) 7946 0958", ALL)).isEmpty();
  }
}
