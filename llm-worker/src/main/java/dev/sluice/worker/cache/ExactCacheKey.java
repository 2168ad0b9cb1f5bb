package dev.sluice.worker.cache;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The exact cache's key for a request: the SHA-256 of a canonical encoding of everything that shapes the answer —
 * tenant, model, every message in order (role, content, name) and every {@link ChatParams} field (temperature, top_p,
 * max tokens, stop sequences, response format). Nothing else is in it: not the requestId, user, times, priority or
 * metadata, so the same question asked twice maps to one key.
 *
 * <p>The encoding is unambiguous: every string is written as its UTF-8 length and bytes, every optional value with a
 * presence flag, every list with its size, so no two different requests encode alike (as {@code "ab"+"c"} and
 * {@code "a"+"bc"} would if concatenated). A format change must change {@link #FORMAT}, so old entries are not read
 * under the new meaning. A field added to ChatParams or ChatMessage must be added here: a test fails until it is.
 */
public final class ExactCacheKey {

  static final String FORMAT = "sluice-exact-cache-v1";

  private ExactCacheKey() {
  }

  /** The key as 64 lowercase hex characters. */
  public static String of(ChatRequest request) {
    MessageDigest sha256 = sha256();
    try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), sha256))) {
      writeString(out, FORMAT);
      writeString(out, request.getTenantId());
      writeString(out, request.getModel());
      List<ChatMessage> messages = request.getMessages();
      out.writeInt(messages.size());
      for (ChatMessage message : messages) {
        writeString(out, message.getRole().name());
        writeString(out, message.getContent());
        writeOptionalString(out, message.getName());
      }
      ChatParams params = request.getParams();
      writeOptionalDouble(out, params.getTemperature());
      writeOptionalDouble(out, params.getTopP());
      out.writeBoolean(params.getMaxTokens() != null);
      if (params.getMaxTokens() != null) {
        out.writeInt(params.getMaxTokens());
      }
      out.writeInt(params.getStop().size());
      for (String stop : params.getStop()) {
        writeString(out, stop);
      }
      // Unset and "text" ask the provider for the same thing (see the schema's doc).
      writeString(out, params.getResponseFormat() == null ? "text" : params.getResponseFormat());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a digest cannot fail", e);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static void writeOptionalString(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      writeString(out, value);
    }
  }

  /** Exact bits, so 0.7 and 0.70000001 differ; -0.0 is written as 0.0, the same temperature to a provider. */
  private static void writeOptionalDouble(DataOutputStream out, Double value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeLong(Double.doubleToLongBits(value == 0.0 ? 0.0 : value));
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
