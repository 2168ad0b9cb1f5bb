package dev.sluice.worker.cache.semantic;

import dev.sluice.events.CachePolicy;
import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Chat requests for the semantic cache's tests: a conversation built turn by turn. */
final class Conversations {

  private static final AtomicInteger REQUESTS = new AtomicInteger();

  private String tenant = "acme";
  private String model = "gpt-4o-mini";
  private ChatParams params = ChatParams.newBuilder().build();
  private CachePolicy cachePolicy = CachePolicy.DEFAULT;
  private final List<ChatMessage> messages = new ArrayList<>();

  static Conversations of(String systemPrompt) {
    return new Conversations().turn(Role.SYSTEM, systemPrompt);
  }

  static ChatRequest question(String prompt) {
    return of("Be brief.").ask(prompt);
  }

  Conversations tenant(String tenant) {
    this.tenant = tenant;
    return this;
  }

  Conversations model(String model) {
    this.model = model;
    return this;
  }

  Conversations params(ChatParams params) {
    this.params = params;
    return this;
  }

  Conversations bypassingCaches() {
    this.cachePolicy = CachePolicy.BYPASS;
    return this;
  }

  Conversations turn(Role role, String content) {
    messages.add(ChatMessage.newBuilder().setRole(role).setContent(content).build());
    return this;
  }

  /** The request that ends the conversation so far with {@code prompt} from the user. */
  ChatRequest ask(String prompt) {
    List<ChatMessage> all = new ArrayList<>(messages);
    all.add(ChatMessage.newBuilder().setRole(Role.USER).setContent(prompt).build());
    return request(all);
  }

  /** The conversation as it stands, whatever its last turn. */
  ChatRequest asIs() {
    return request(List.copyOf(messages));
  }

  private ChatRequest request(List<ChatMessage> all) {
    Instant created = Instant.parse("2025-03-01T12:00:00Z");
    return ChatRequest.newBuilder()
        .setRequestId("request-" + REQUESTS.incrementAndGet())
        .setTenantId(tenant)
        .setCreatedAt(created)
        .setDeadline(created.plusSeconds(60))
        .setModel(model)
        .setMessages(all)
        .setParams(params)
        .setCachePolicy(cachePolicy)
        .build();
  }
}
