package dev.sluice.guard.policy;

import static dev.sluice.guard.support.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.events.ChatRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {

  private final RequestLimits limits = new RequestLimits(3, 100);

  @Test
  void passesARequestWithinTheLimits() {
    assertThat(limits.check(request("r1", "hello", "x".repeat(30)))).isEmpty();
  }

  @Test
  void rejectsTooManyMessages() {
    assertThat(limits.check(request("r1", "a", "b", "c")))
        .hasValue(new LimitViolation(RequestLimits.TOO_MANY_MESSAGES, "too many messages: 4, at most 3"));
  }

  @Test
  void rejectsContentTooLargeCountingAllMessages() {
    // The system message of the fixture has 61 characters.
    assertThat(limits.check(request("r1", "x".repeat(39)))).isEmpty();
    assertThat(limits.check(request("r1", "x".repeat(20), "y".repeat(20))))
        .hasValue(new LimitViolation(RequestLimits.CONTENT_TOO_LARGE,
            "content too large: 101 characters, at most 100"));
  }

  @Test
  void rejectsAnEmptyRequestAndAMissingTenant() {
    assertThat(limits.check(request("r1", List.of()))).get()
        .extracting(LimitViolation::category).isEqualTo(RequestLimits.EMPTY_REQUEST);
    ChatRequest noTenant = ChatRequest.newBuilder(request("r1", "hi")).setTenantId(" ").build();
    assertThat(limits.check(noTenant)).get()
        .extracting(LimitViolation::category).isEqualTo(RequestLimits.MISSING_TENANT);
  }

  @Test
  void refusesLimitsThatAdmitNothing() {
    assertThatThrownBy(() -> new RequestLimits(0, 10)).hasMessageContaining("maxMessages");
  }
}
