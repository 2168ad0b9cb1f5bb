package dev.sluice.guard.policy;

import static dev.sluice.guard.support.TestEvents.message;
import static dev.sluice.guard.support.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
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
  void rejectsOneMessageAboveTheSingleMessageLimitNamingIt() {
    RequestLimits perMessage = new RequestLimits(3, 200, 70);

    assertThat(perMessage.check(request("r1", "x".repeat(70)))).isEmpty();
    assertThat(perMessage.check(request("r1", "x".repeat(10), "y".repeat(71))))
        .hasValue(new LimitViolation(RequestLimits.MESSAGE_TOO_LARGE,
            "messages[2].content too large: 71 characters, at most 70"));
  }

  @Test
  void aSingleMessageMayFillTheWholeAllowanceWhenNoPerMessageLimitIsGiven() {
    assertThat(limits.maxMessageChars()).isEqualTo(100);
  }

  @Test
  void rejectsControlCharactersInContentOrNameWithTheirPlace() {
    assertThat(limits.check(request("r1", "bell\u0007here")))
        .hasValue(new LimitViolation(RequestLimits.CONTROL_CHARACTERS,
            "messages[1].content contains the control character U+0007 at offset 4"));
    assertThat(limits.check(request("r1", "nul\u0000")).map(LimitViolation::category))
        .hasValue(RequestLimits.CONTROL_CHARACTERS);
    assertThat(limits.check(request("r1", "c1\u009b[2J")).map(LimitViolation::category))
        .hasValue(RequestLimits.CONTROL_CHARACTERS);
    ChatRequest badName = request("r1", List.of(ChatMessage.newBuilder(message(Role.USER, "hi"))
        .setName("bob\u001b").build()));
    assertThat(limits.check(badName).map(LimitViolation::reason))
        .hasValue("messages[0].name contains the control character U+001B at offset 3");
  }

  @Test
  void allowsTabsLineBreaksAndOrdinaryUnicode() {
    assertThat(limits.check(request("r1", "a\tb\r\nc — ünïcødé ✓ 日本"))).isEmpty();
  }

  @Test
  void refusesLimitsThatAdmitNothingOrContradictEachOther() {
    assertThatThrownBy(() -> new RequestLimits(0, 10)).hasMessage("max-messages must be at least 1: 0");
    assertThatThrownBy(() -> new RequestLimits(1, 10, 0)).hasMessage("max-message-chars must be at least 1: 0");
    assertThatThrownBy(() -> new RequestLimits(1, 10, 11))
        .hasMessage("max-message-chars (11) must not be above max-content-chars (10)");
  }
}
