package dev.sluice.guard.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault's secret: 32 random bytes from configuration. It never encrypts anything itself; each entry gets an
 * AES-256 key of its own and a Redis name derived from it and the requestId (HMAC-SHA256 with a purpose label, as
 * in the counter-mode KDF of NIST SP 800-108). A key per request keeps the random 96-bit GCM nonces far from the
 * 2^32 messages one GCM key may safely take, however long the configured key lives. Never logged.
 */
public final class VaultKey {

  /** AES-256. */
  public static final int LENGTH = 32;

  private static final String HMAC = "HmacSHA256";
  private static final byte[] ENTRY_KEY = "sluice-guard-vault/entry-key/v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENTRY_NAME = "sluice-guard-vault/entry-name/v1".getBytes(StandardCharsets.US_ASCII);
  /** 128 bits of the name HMAC: collisions are out of reach, and a collision would only fail authentication. */
  private static final int NAME_BYTES = 16;

  private final SecretKeySpec key;

  private VaultKey(byte[] key) {
    this.key = new SecretKeySpec(key, HMAC);
  }

  /** A key of exactly {@value #LENGTH} bytes; the array is copied. */
  public static VaultKey of(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("a vault key has " + LENGTH + " bytes, not " + key.length);
    }
    return new VaultKey(key.clone());
  }

  /**
   * The key {@code base64} (standard or URL-safe alphabet) encodes.
   *
   * @throws IllegalArgumentException saying what is wrong, never quoting the value
   */
  public static VaultKey fromBase64(String base64) {
    Objects.requireNonNull(base64, "base64");
    String trimmed = base64.strip();
    byte[] decoded;
    try {
      decoded = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(trimmed)
          : Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the vault key is not base64");
    }
    try {
      if (decoded.length != LENGTH) {
        throw new IllegalArgumentException("the vault key decodes to " + decoded.length + " bytes; it needs "
            + LENGTH);
      }
      return of(decoded);
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }

  /** The AES-256 key of the entry for {@code requestId}. */
  SecretKey entryKey(String requestId) {
    return new SecretKeySpec(derive(ENTRY_KEY, requestId), "AES");
  }

  /**
   * The name of the entry for {@code requestId} (URL-safe base64, 22 characters): Redis never sees the requestId, so
   * a look at its keys does not tell which requests carried personal data, and a name cannot be computed, so entries
   * cannot be looked up by requestId, without the key.
   */
  String entryName(String requestId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        Arrays.copyOf(derive(ENTRY_NAME, requestId), NAME_BYTES));
  }

  private byte[] derive(byte[] purpose, String requestId) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      mac.update(purpose);
      mac.update((byte) 0);
      return mac.doFinal(requestId.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime ships " + HMAC, e);
    }
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "VaultKey[redacted]";
  }
}
