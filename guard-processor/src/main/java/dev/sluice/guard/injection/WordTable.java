package dev.sluice.guard.injection;

import java.util.Collection;

/** A fixed set of words, each with a small id, looked up by the hash {@link WordScan} gives a word. */
final class WordTable {

  private final long[] keys;
  private final int[] ids;
  private final boolean[] used;
  private final int mask;
  private final int size;

  WordTable(Collection<String> words) {
    int capacity = Integer.highestOneBit(Math.max(4, words.size() * 4) - 1) << 1;
    keys = new long[capacity];
    ids = new int[capacity];
    used = new boolean[capacity];
    mask = capacity - 1;
    int next = 0;
    for (String word : words) {
      long key = WordScan.hash(word);
      int slot = slotOf(key);
      while (used[slot] && keys[slot] != key) {
        slot = (slot + 1) & mask;
      }
      if (!used[slot]) {
        used[slot] = true;
        keys[slot] = key;
        ids[slot] = next++;
      }
    }
    size = next;
  }

  /** How many distinct words the table holds; ids run from 0 to {@code size() - 1}. */
  int size() {
    return size;
  }

  /** The id of the word with this hash, or -1. */
  int idOf(long hash) {
    int slot = slotOf(hash);
    while (used[slot]) {
      if (keys[slot] == hash) {
        return ids[slot];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The ids of {@code words}, which must all be in the table. */
  int[] idsOf(Collection<String> words) {
    return words.stream().mapToInt(word -> {
      int id = idOf(WordScan.hash(word));
      if (id < 0) {
        throw new IllegalArgumentException("not in the table: " + word);
      }
      return id;
    }).distinct().toArray();
  }

  private int slotOf(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
  }
}
