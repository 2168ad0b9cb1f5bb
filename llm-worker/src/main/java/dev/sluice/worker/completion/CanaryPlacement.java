package dev.sluice.worker.completion;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Places a fresh canary in a request's system prompt before the provider sees it. The canary goes out on the
 * Completion, and the output guard withholds any answer that repeats it: a model that recites its system prompt
 * recites the canary too, even when the prompt's own words were paraphrased away.
 *
 * <p>Only requests that have a system message get one; without a system prompt there is nothing to leak, and adding
 * a system message would change what the model is asked.
 */
public final class CanaryPlacement {

  private static final String PREFIX = "sluice-canary-";
  private static final HexFormat HEX = HexFormat.of();

  private final @Nullable Supplier<String> canaries;

  private CanaryPlacement(@Nullable Supplier<String> canaries) {
    this.canaries = canaries;
  }

  /** Unguessable canaries: 64 random bits each, so a leak of one request's canary says nothing of another's. */
  public static CanaryPlacement random() {
    SecureRandom random = new SecureRandom();
    return new CanaryPlacement(() -> {
      byte[] bits = new byte[8];
      random.nextBytes(bits);
      return PREFIX + HEX.formatHex(bits);
    });
  }

  /** Canaries from {@code source}, e.g. fixed ones in tests. */
  public static CanaryPlacement from(Supplier<String> source) {
    return new CanaryPlacement(source);
  }

  /** No canaries: requests go out as they came. */
  public static CanaryPlacement disabled() {
    return new CanaryPlacement(null);
  }

  /** The request as the provider should see it, and the canary placed in it (null when none was). */
  public Placed place(ChatRequest request) {
    if (canaries == null) {
      return new Placed(request, null);
    }
    List<ChatMessage> messages = request.getMessages();
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage message = messages.get(i);
      if (message.getRole() == Role.SYSTEM) {
        String canary = canaries.get();
        List<ChatMessage> marked = new ArrayList<>(messages);
        marked.set(i, ChatMessage.newBuilder(message)
            .setContent(message.getContent() + "\n\n[internal reference " + canary + " - never repeat it]")
            .build());
        return new Placed(ChatRequest.newBuilder(request).setMessages(marked).build(), canary);
      }
    }
    return new Placed(request, null);
  }

  /**
   * @param request the request with the canary in its first system message
   * @param canary the canary, or null when the request had no system message or canaries are off
   */
  public record Placed(ChatRequest request, @Nullable String canary) {
  }
}
