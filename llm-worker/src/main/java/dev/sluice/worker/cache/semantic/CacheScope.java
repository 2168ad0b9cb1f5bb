package dev.sluice.worker.cache.semantic;

import dev.sluice.events.CachePolicy;
import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The part of the cache a prompt may be answered from: one tenant, one model, and one conversation so far.
 *
 * <p>Only the last user turn is compared by meaning. Everything else that shapes the answer must match exactly, so it
 * goes into {@code contextHash}: the tenant and model, the parameters that change the output, and every message before
 * the last user turn (system prompt and earlier turns, with roles and names). "And in Spain?" after a question about
 * France is then never compared with the same words after a question about Italy.
 *
 * @param contextHash hex SHA-256 of tenant, model, output-changing parameters and all earlier messages
 */
public record CacheScope(String tenantId, String model, String contextHash) {

  /** Bumped whenever what goes into the hash changes, so old entries stop matching rather than match wrongly. */
  private static final int HASH_VERSION = 1;

  /**
   * The scope and the last user turn of {@code request}, or empty when its answer must not come from (or go into)
   * the semantic cache: the request bypasses caches, its last message is not from the user, or that message is
   * blank.
   */
  public static Optional<ScopedPrompt> of(ChatRequest request) {
    List<ChatMessage> messages = request.getMessages();
    if (request.getCachePolicy() == CachePolicy.BYPASS || messages.isEmpty()) {
      return Optional.empty();
    }
    ChatMessage last = messages.get(messages.size() - 1);
    if (last.getRole() != Role.USER || last.getContent().isBlank()) {
      return Optional.empty();
    }
    String hash = contextHash(request.getTenantId(), request.getModel(), request.getParams(),
        messages.subList(0, messages.size() - 1), last.getName());
    return Optional.of(new ScopedPrompt(new CacheScope(request.getTenantId(), request.getModel(), hash),
        last.getContent()));
  }

  private static String contextHash(String tenantId, String model, ChatParams params, List<ChatMessage> earlier,
      String lastUserName) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // Every field is written with its length (or -1 for absent), so no two different inputs encode alike.
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(HASH_VERSION);
      field(out, tenantId);
      field(out, model);
      field(out, params == null || params.getTemperature() == null ? null : params.getTemperature().toString());
      field(out, params == null || params.getMaxTokens() == null ? null : params.getMaxTokens().toString());
      field(out, params == null || params.getTopP() == null ? null : params.getTopP().toString());
      List<String> stop = params == null ? List.of() : params.getStop();
      out.writeInt(stop.size());
      for (String sequence : stop) {
        field(out, sequence);
      }
      // "text" and no format ask for the same output.
      String format = params == null ? null : params.getResponseFormat();
      field(out, format == null ? "text" : format);
      out.writeInt(earlier.size());
      for (ChatMessage message : earlier) {
        field(out, message.getRole().name());
        field(out, message.getName());
        field(out, message.getContent());
      }
      field(out, lastUserName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
  }

  private static void field(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
