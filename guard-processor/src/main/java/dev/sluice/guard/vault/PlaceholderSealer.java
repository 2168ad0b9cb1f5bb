package dev.sluice.guard.vault;

import dev.sluice.guard.pii.PlaceholderMap;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a request's placeholder map for the vault and opens it again: AES-256-GCM under the request's own key
 * (see {@link VaultKey}), a random 96-bit nonce per entry, and the format version and requestId as associated data,
 * so an entry opens only for the request it was written for.
 *
 * <p>Sealed form: the format version (1 byte), the nonce (12 bytes), then the ciphertext with its 128-bit tag. The
 * plaintext is the number of pairs, then each placeholder and original as a length-prefixed UTF-8 string.
 * Thread-safe.
 */
public final class PlaceholderSealer {

  static final byte FORMAT = 1;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final VaultKey key;
  private final SecureRandom random;

  public PlaceholderSealer(VaultKey key, SecureRandom random) {
    this.key = Objects.requireNonNull(key, "key");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** {@code placeholders} sealed for {@code requestId}. */
  public byte[] seal(String requestId, PlaceholderMap placeholders) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] plaintext = encode(placeholders);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key.entryKey(requestId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(requestId));
      byte[] sealed = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
      sealed[0] = FORMAT;
      System.arraycopy(nonce, 0, sealed, 1, NONCE_BYTES);
      cipher.doFinal(plaintext, 0, plaintext.length, sealed, 1 + NONCE_BYTES);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime ships " + TRANSFORMATION, e);
    }
  }

  /**
   * The map sealed in {@code sealed}, if it was sealed for {@code requestId} under this key and not altered.
   *
   * @throws UnreadableEntryException otherwise
   */
  public PlaceholderMap open(String requestId, byte[] sealed) throws UnreadableEntryException {
    if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
      throw new UnreadableEntryException("vault entry too short: " + sealed.length + " bytes");
    }
    if (sealed[0] != FORMAT) {
      throw new UnreadableEntryException("vault entry of unknown format " + sealed[0]);
    }
    byte[] plaintext;
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key.entryKey(requestId),
          new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      cipher.updateAAD(associatedData(requestId));
      plaintext = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new UnreadableEntryException("vault entry failed authentication: another request's, another key's, "
          + "or altered", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime ships " + TRANSFORMATION, e);
    }
    return decode(plaintext);
  }

  private static byte[] associatedData(String requestId) {
    byte[] id = requestId.getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[1 + id.length];
    data[0] = FORMAT;
    System.arraycopy(id, 0, data, 1, id.length);
    return data;
  }

  private static byte[] encode(PlaceholderMap placeholders) {
    List<byte[]> strings = new ArrayList<>(2 * placeholders.originals().size());
    int size = Integer.BYTES;
    for (Map.Entry<String, String> entry : placeholders.originals().entrySet()) {
      for (String string : List.of(entry.getKey(), entry.getValue())) {
        byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
        strings.add(bytes);
        size += Integer.BYTES + bytes.length;
      }
    }
    ByteBuffer out = ByteBuffer.allocate(size).putInt(strings.size() / 2);
    for (byte[] string : strings) {
      out.putInt(string.length).put(string);
    }
    return out.array();
  }

  /** Authenticated bytes are ours, so a malformed plaintext means a bug or a format this version does not know. */
  private static PlaceholderMap decode(byte[] plaintext) throws UnreadableEntryException {
    try {
      ByteBuffer in = ByteBuffer.wrap(plaintext);
      int count = in.getInt();
      if (count < 0 || count > in.remaining() / (2 * Integer.BYTES)) {
        throw new UnreadableEntryException("vault entry holds an impossible count of placeholders");
      }
      Map<String, String> originals = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        originals.put(string(in), string(in));
      }
      if (in.hasRemaining()) {
        throw new UnreadableEntryException("vault entry has bytes after its last placeholder");
      }
      return PlaceholderMap.of(originals);
    } catch (BufferUnderflowException | IllegalArgumentException | CharacterCodingException e) {
      throw new UnreadableEntryException("vault entry is malformed", e);
    }
  }

  private static String string(ByteBuffer in) throws CharacterCodingException {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    ByteBuffer bytes = in.slice(in.position(), length);
    in.position(in.position() + length);
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(bytes)
        .toString();
  }
}
