package dev.sluice.guard.output;

import java.util.Arrays;

/**
 * Salted 64-bit hashes of every run of {@code size} consecutive words ("word shingles") of a text. Words are the
 * runs of letters and digits, lower-cased, so punctuation, line breaks and casing do not hide a copied passage.
 *
 * <p>The hash is FNV-1a with a SplitMix64 finalizer: fixed by this code, not by the JVM, because hashes are stored
 * and compared across restarts and versions. The seed comes from the requestId, so a stored hash says nothing
 * about any other request and a table of precomputed phrases does not apply.
 */
final class WordShingles {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private WordShingles() {
  }

  /** The seed of every shingle hash of one request. */
  static long seed(String requestId) {
    long hash = FNV_OFFSET;
    for (int i = 0; i < requestId.length(); i++) {
      hash = (hash ^ requestId.charAt(i)) * FNV_PRIME;
    }
    return hash;
  }

  /** The hash of every shingle of {@code size} words in {@code text}, in text order; empty when it is shorter. */
  static long[] hashes(long seed, String text, int size) {
    long[] words = wordHashes(text);
    if (words.length < size) {
      return new long[0];
    }
    long[] shingles = new long[words.length - size + 1];
    for (int start = 0; start < shingles.length; start++) {
      long hash = seed;
      for (int i = start; i < start + size; i++) {
        hash = (hash ^ words[i]) * FNV_PRIME;
      }
      shingles[start] = finish(hash);
    }
    return shingles;
  }

  private static long[] wordHashes(String text) {
    long[] words = new long[16];
    int count = 0;
    long hash = FNV_OFFSET;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (Character.isLetterOrDigit(codePoint)) {
        hash = (hash ^ Character.toLowerCase(codePoint)) * FNV_PRIME;
        inWord = true;
      } else if (inWord) {
        words = append(words, count++, hash);
        hash = FNV_OFFSET;
        inWord = false;
      }
    }
    if (inWord) {
      words = append(words, count++, hash);
    }
    return Arrays.copyOf(words, count);
  }

  private static long[] append(long[] words, int index, long hash) {
    long[] target = index == words.length ? Arrays.copyOf(words, words.length * 2) : words;
    target[index] = hash;
    return target;
  }

  /** SplitMix64's finalizer: spreads the bits so that the smallest hashes are an unbiased sample. */
  private static long finish(long hash) {
    long z = hash;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
