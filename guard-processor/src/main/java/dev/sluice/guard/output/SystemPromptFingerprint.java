package dev.sluice.guard.output;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * What the output guard keeps of a request's system prompt: the salted hashes of its word shingles, never the
 * text. A prompt with more than {@link #MAX_SHINGLES} shingles keeps the smallest hashes (a bottom-k sample), so
 * one entry stays at most 4 KB; a copied passage of many words still matches one of the kept shingles with high
 * probability, a short one may be missed.
 */
public final class SystemPromptFingerprint {

  /** Most shingle hashes kept per request. */
  public static final int MAX_SHINGLES = 512;
  private static final byte FORMAT = 1;

  private final int shingleWords;
  private final long[] hashes;

  private SystemPromptFingerprint(int shingleWords, long[] sortedDistinctHashes) {
    this.shingleWords = shingleWords;
    this.hashes = sortedDistinctHashes;
  }

  /**
   * The fingerprint of {@code systemPrompts} (each message on its own: shingles do not run across messages), or
   * empty when none of them has {@code shingleWords} words.
   */
  public static Optional<SystemPromptFingerprint> of(String requestId, List<String> systemPrompts,
      int shingleWords) {
    Objects.requireNonNull(requestId, "requestId");
    if (shingleWords < 1) {
      throw new IllegalArgumentException("shingleWords must be at least 1: " + shingleWords);
    }
    long seed = WordShingles.seed(requestId);
    long[] distinct = systemPrompts.stream()
        .flatMapToLong(prompt -> LongStream.of(WordShingles.hashes(seed, prompt, shingleWords)))
        .sorted()
        .distinct()
        .limit(MAX_SHINGLES)
        .toArray();
    if (distinct.length == 0) {
      return Optional.empty();
    }
    return Optional.of(new SystemPromptFingerprint(shingleWords, distinct));
  }

  /** How many consecutive words make one shingle. */
  public int shingleWords() {
    return shingleWords;
  }

  /** How many shingle hashes are kept. */
  public int size() {
    return hashes.length;
  }

  boolean contains(long shingleHash) {
    return Arrays.binarySearch(hashes, shingleHash) >= 0;
  }

  /** Serialized form: format byte, shingle size, count, hashes; big-endian. */
  public byte[] toBytes() {
    ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + 4 + 8 * hashes.length);
    buffer.put(FORMAT).putInt(shingleWords).putInt(hashes.length);
    for (long hash : hashes) {
      buffer.putLong(hash);
    }
    return buffer.array();
  }

  /** Reads what {@link #toBytes()} wrote. */
  public static SystemPromptFingerprint fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte format = buffer.get();
    if (format != FORMAT) {
      throw new IllegalArgumentException("unknown system prompt fingerprint format " + format);
    }
    int shingleWords = buffer.getInt();
    int count = buffer.getInt();
    if (count < 0 || count > MAX_SHINGLES || buffer.remaining() != 8 * count) {
      throw new IllegalArgumentException("corrupt system prompt fingerprint: " + count + " hashes in "
          + bytes.length + " bytes");
    }
    long[] hashes = new long[count];
    for (int i = 0; i < count; i++) {
      hashes[i] = buffer.getLong();
    }
    return new SystemPromptFingerprint(shingleWords, hashes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SystemPromptFingerprint that
        && shingleWords == that.shingleWords && Arrays.equals(hashes, that.hashes);
  }

  @Override
  public int hashCode() {
    return 31 * shingleWords + Arrays.hashCode(hashes);
  }

  @Override
  public String toString() {
    return "SystemPromptFingerprint[" + hashes.length + " shingles of " + shingleWords + " words]";
  }
}
