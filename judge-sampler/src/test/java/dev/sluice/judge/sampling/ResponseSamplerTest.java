package dev.sluice.judge.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.events.ChatResponse;
import dev.sluice.events.ResponseStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResponseSamplerTest {

  @Test
  void fractionIsTheFirstEightBytesOfSha256AsAnUnsignedFraction() throws Exception {
    for (String id : new String[] {"req-1", "req-2", "3f1c0a4e-7f0b-4e5e-9a43-1f7a1d2c9b10", "ü-ß-漢字"}) {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      BigDecimal unsigned = new BigDecimal(new BigInteger(1, Arrays.copyOf(digest, 8)));
      double expected = unsigned.divide(new BigDecimal(BigInteger.ONE.shiftLeft(64)), MathContext.DECIMAL64)
          .doubleValue();

      assertThat(ResponseSampler.fractionOf(id)).as(id).isCloseTo(expected, within(1e-15));
    }
  }

  @Test
  void fractionStaysInTheUnitIntervalAndIsStable() {
    IntStream.range(0, 10_000).mapToObj(i -> "req-" + i).forEach(id -> {
      double fraction = ResponseSampler.fractionOf(id);
      assertThat(fraction).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      assertThat(ResponseSampler.fractionOf(id)).isEqualTo(fraction);
    });
  }

  @Test
  void samplesAShareCloseToTheRateOfTenThousandIds() {
    ResponseSampler sampler = new ResponseSampler(0.1);

    long sampled = IntStream.range(0, 10_000).mapToObj(i -> "req-" + i).filter(sampler::isSampled).count();

    // binomial standard deviation at n = 10,000 and p = 0.1 is 30; 100 is more than three of them
    assertThat(sampled).isBetween(900L, 1_100L);
  }

  @Test
  void aHigherRateKeepsEveryIdALowerRateSampled() {
    ResponseSampler tenth = new ResponseSampler(0.1);
    ResponseSampler fifth = new ResponseSampler(0.2);

    IntStream.range(0, 10_000).mapToObj(i -> "req-" + i).filter(tenth::isSampled)
        .forEach(id -> assertThat(fifth.isSampled(id)).as(id).isTrue());
  }

  @Test
  void rateZeroSamplesNothingAndRateOneEverything() {
    ResponseSampler none = new ResponseSampler(0.0);
    ResponseSampler all = new ResponseSampler(1.0);

    IntStream.range(0, 1_000).mapToObj(i -> "req-" + i).forEach(id -> {
      assertThat(none.isSampled(id)).isFalse();
      assertThat(all.isSampled(id)).isTrue();
    });
  }

  @ParameterizedTest
  @EnumSource(value = ResponseStatus.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
  void judgesOnlyOkResponses(ResponseStatus status) {
    ResponseSampler all = new ResponseSampler(1.0);

    assertThat(all.shouldJudge(response("req-1", status, "an answer"))).isFalse();
    assertThat(all.shouldJudge(response("req-1", ResponseStatus.OK, "an answer"))).isTrue();
  }

  @Test
  void skipsOkResponsesWithoutContent() {
    ResponseSampler all = new ResponseSampler(1.0);

    assertThat(all.shouldJudge(response("req-1", ResponseStatus.OK, null))).isFalse();
    assertThat(all.shouldJudge(response("req-1", ResponseStatus.OK, "  \n"))).isFalse();
  }

  @Test
  void rejectsARateOutsideZeroToOne() {
    assertThatThrownBy(() -> new ResponseSampler(1.5)).hasMessageContaining("sluice.judge.sample-rate");
    assertThatThrownBy(() -> new ResponseSampler(-0.1)).hasMessageContaining("sluice.judge.sample-rate");
    assertThatThrownBy(() -> new ResponseSampler(Double.NaN)).hasMessageContaining("sluice.judge.sample-rate");
  }

  private static ChatResponse response(String requestId, ResponseStatus status, String content) {
    return ChatResponse.newBuilder()
        .setRequestId(requestId)
        .setTenantId("acme")
        .setStatus(status)
        .setContent(content)
        .setRespondedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }
}
