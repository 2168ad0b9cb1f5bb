package dev.sluice.worker;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.GuardAction;
import dev.sluice.events.GuardVerdict;
import dev.sluice.events.GuardedRequest;
import dev.sluice.events.Role;
import dev.sluice.events.ThreatLevel;
import java.time.Instant;
import java.util.List;

/** Requests for tests. */
public final class Requests {

  private Requests() {
  }

  /** A one-question request to {@code model} that must be answered before {@code deadline}. */
  public static ChatRequest chat(String requestId, String model, String question, Instant deadline) {
    return ChatRequest.newBuilder()
        .setRequestId(requestId)
        .setTenantId("acme")
        .setCreatedAt(deadline.minusSeconds(60))
        .setDeadline(deadline)
        .setModel(model)
        .setMessages(List.of(
            ChatMessage.newBuilder().setRole(Role.SYSTEM).setContent("Be brief.").build(),
            ChatMessage.newBuilder().setRole(Role.USER).setContent(question).build()))
        .setParams(ChatParams.newBuilder().build())
        .build();
  }

  public static GuardedRequest guarded(ChatRequest request) {
    return GuardedRequest.newBuilder()
        .setRequest(request)
        .setVerdict(GuardVerdict.newBuilder().setAction(GuardAction.ALLOW).setThreatLevel(ThreatLevel.NONE).build())
        .setGuardedAt(request.getCreatedAt())
        .build();
  }
}
