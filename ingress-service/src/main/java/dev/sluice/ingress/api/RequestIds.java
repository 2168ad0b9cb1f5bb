package dev.sluice.ingress.api;

import dev.sluice.ingress.auth.Tenant;
import dev.sluice.ingress.openai.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Chooses the requestId of an API call and exposes it in the {@code x-sluice-request-id} response header.
 *
 * <p>Without an {@code Idempotency-Key} header the id is a random UUID. With one (1–255 visible ASCII characters),
 * it is a UUID derived from the tenant and the key (SHA-256, RFC 9562 version 8): a client retrying with the same
 * key gets the same requestId, and while the first attempt still waits on this replica the retry joins it rather
 * than publishing twice; two tenants using the same key never share an id. {@code X-Request-Id} is not used:
 * proxies set it per hop, so it says nothing about retries.
 */
public final class RequestIds {

  public static final String RESPONSE_HEADER = "x-sluice-request-id";
  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

  private static final String ATTRIBUTE = RequestIds.class.getName() + ".requestId";
  private static final Pattern VALID_IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private RequestIds() {
  }

  public static String random() {
    return UUID.randomUUID().toString();
  }

  /** The requestId for a tenant's request carrying {@code idempotencyKey}; 400 when the key is malformed. */
  public static String forIdempotencyKey(Tenant tenant, String idempotencyKey) {
    if (!VALID_IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw ApiError.invalidRequest(IDEMPOTENCY_KEY_HEADER,
          "Idempotency-Key must be 1 to 255 visible ASCII characters").toException();
    }
    byte[] hash = sha256("sluice-request-id\n" + tenant.id() + "\n" + idempotencyKey);
    ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
    long high = (bytes.getLong() & ~0xF000L) | 0x8000L;
    long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** Makes {@code requestId} the id of this call: in a request attribute and in the response header. */
  public static void assign(HttpServletRequest request, HttpServletResponse response, String requestId) {
    request.setAttribute(ATTRIBUTE, requestId);
    response.setHeader(RESPONSE_HEADER, requestId);
  }

  /** The id assigned to this call. */
  public static String of(HttpServletRequest request) {
    return (String) request.getAttribute(ATTRIBUTE);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
