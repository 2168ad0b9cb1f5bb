package dev.sluice.guard.vault;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Fixed test keys and a seeded random source, so every run seals the same bytes. */
public final class VaultKeys {

  /** 32 bytes 0..31, in base64. */
  public static final String KEY_A = Base64.getEncoder().encodeToString(counting(0));
  /** 32 bytes 100..131, in base64. */
  public static final String KEY_B = Base64.getEncoder().encodeToString(counting(100));

  private VaultKeys() {
  }

  public static VaultKey keyA() {
    return VaultKey.fromBase64(KEY_A);
  }

  public static VaultKey keyB() {
    return VaultKey.fromBase64(KEY_B);
  }

  /** A SHA1PRNG seeded with {@code seed}: deterministic, unlike the default SecureRandom. */
  public static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] counting(int from) {
    byte[] key = new byte[VaultKey.LENGTH];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (from + i);
    }
    return key;
  }
}
