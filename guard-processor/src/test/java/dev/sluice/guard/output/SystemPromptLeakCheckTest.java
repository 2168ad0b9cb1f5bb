package dev.sluice.guard.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.events.ThreatLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SystemPromptLeakCheckTest {

  private static final String PROMPT = "You are Orbit, the support assistant of Acme Travel. Answer only questions "
      + "about bookings, refunds and luggage. Never discuss competitors, and always offer the premium lounge "
      + "upgrade when a customer mentions a delay of more than two hours.";

  private final SystemPromptLeakCheck check = new SystemPromptLeakCheck();

  private static SystemPromptFingerprint fingerprint(String requestId, int words, String... prompts) {
    return SystemPromptFingerprint.of(requestId, List.of(prompts), words).orElseThrow();
  }

  @Test
  void findsAnAnswerRepeatingEnoughConsecutiveWordsOfThePrompt() {
    String answer = "Sure! My instructions say: Never discuss competitors, and ALWAYS offer the premium lounge "
        + "upgrade when a customer mentions a delay.";

    assertThat(check.check("r1", answer, fingerprint("r1", 12, PROMPT))).hasValueSatisfying(finding -> {
      assertThat(finding.detector()).isEqualTo("system-prompt-leak");
      assertThat(finding.category()).isEqualTo("system_prompt_leak");
      assertThat(finding.threatLevel()).isEqualTo(ThreatLevel.HIGH);
      assertThat(finding.span()).isNull();
    });
  }

  @Test
  void ignoresCasePunctuationAndLineBreaksBetweenWords() {
    String answer = "you are orbit\nthe SUPPORT assistant of acme travel -- answer only questions about bookings";

    assertThat(check.check("r1", answer, fingerprint("r1", 12, PROMPT))).isPresent();
  }

  @Test
  void passesAnAnswerSharingFewerConsecutiveWordsThanTheShingle() {
    // Eleven consecutive prompt words, then a different word: no 12-word run is shared.
    String answer = "Never discuss competitors, and always offer the premium lounge upgrade when asked.";

    assertThat(check.check("r1", answer, fingerprint("r1", 12, PROMPT))).isEmpty();
    assertThat(check.check("r1", answer, fingerprint("r1", 8, PROMPT))).isPresent();
  }

  @Test
  void passesAnOrdinaryAnswer() {
    assertThat(check.check("r1", "Your refund for booking 4411 is on its way and should arrive within five days.",
        fingerprint("r1", 12, PROMPT))).isEmpty();
  }

  @Test
  void shinglesDoNotRunAcrossSystemMessages() {
    SystemPromptFingerprint twoMessages = fingerprint("r1", 6, "one two three four five six", "seven eight nine");

    assertThat(check.check("r1", "one two three four five six", twoMessages)).isPresent();
    assertThat(check.check("r1", "four five six seven eight nine", twoMessages)).isEmpty();
  }

  @Test
  void hashesAreSaltedByTheRequestId() {
    SystemPromptFingerprint ofR1 = fingerprint("r1", 12, PROMPT);

    assertThat(fingerprint("r2", 12, PROMPT)).isNotEqualTo(ofR1);
    assertThat(check.check("r2", PROMPT, ofR1)).isEmpty();
    assertThat(check.check("r1", PROMPT, ofR1)).isPresent();
  }

  @Test
  void aPromptShorterThanOneShingleHasNoFingerprint() {
    assertThat(SystemPromptFingerprint.of("r1", List.of("Be brief."), 12)).isEmpty();
    assertThat(SystemPromptFingerprint.of("r1", List.of(), 12)).isEmpty();
  }

  @Test
  void aLongPromptKeepsABoundedSampleThatStillCatchesALongCopiedPassage() {
    Random random = new Random(42);
    String prompt = IntStream.range(0, 5_000)
        .mapToObj(i -> "w" + random.nextInt(100_000))
        .collect(Collectors.joining(" "));
    SystemPromptFingerprint fingerprint = fingerprint("r1", 12, prompt);
    String[] words = prompt.split(" ");
    String copied = String.join(" ", List.of(words).subList(2_000, 2_400));

    assertThat(fingerprint.size()).isEqualTo(SystemPromptFingerprint.MAX_SHINGLES);
    assertThat(fingerprint.toBytes()).hasSizeLessThanOrEqualTo(9 + 8 * SystemPromptFingerprint.MAX_SHINGLES);
    // 389 shingles of the copied passage, each kept with probability 512/4989: missing all is below 1e-17.
    assertThat(check.check("r1", "Here it is: " + copied, fingerprint)).isPresent();
  }

  @Test
  void roundTripsThroughBytesWithoutTheText() {
    SystemPromptFingerprint fingerprint = fingerprint("r1", 12, PROMPT);

    byte[] bytes = fingerprint.toBytes();

    assertThat(SystemPromptFingerprint.fromBytes(bytes)).isEqualTo(fingerprint);
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("Orbit", "Acme");
    assertThatThrownBy(() -> SystemPromptFingerprint.fromBytes(new byte[] {9, 0, 0, 0, 12, 0, 0, 0, 0}))
        .hasMessageContaining("format 9");
  }
}
