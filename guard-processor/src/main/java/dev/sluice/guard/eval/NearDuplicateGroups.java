package dev.sluice.guard.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups texts that share most of their wording, so cross-validation never trains on one copy of a template and
 * tests on another: two texts are joined when at least {@link #MIN_CONTAINMENT} of the word 5-grams of the shorter
 * one occur in the other. 5-grams shared by more than {@link #MAX_SHARED_BY} texts (boilerplate such as "I want you
 * to act as") are ignored. Groups are the connected components of that relation.
 */
final class NearDuplicateGroups {

  static final double MIN_CONTAINMENT = 0.5;
  static final int MAX_SHARED_BY = 300;
  private static final int SHINGLE = 5;

  private NearDuplicateGroups() {
  }

  /** The group of each text: texts with the same number are near duplicates (directly or through others). */
  static int[] of(List<String> texts) {
    List<long[]> shingles = new ArrayList<>(texts.size());
    Map<Long, Integer> sharedBy = new HashMap<>();
    for (String text : texts) {
      long[] own = shingles(text);
      shingles.add(own);
      for (long shingle : own) {
        sharedBy.merge(shingle, 1, Integer::sum);
      }
    }
    Map<Long, List<Integer>> textsOf = new HashMap<>();
    for (int t = 0; t < texts.size(); t++) {
      long[] kept = Arrays.stream(shingles.get(t)).filter(s -> sharedBy.get(s) <= MAX_SHARED_BY).toArray();
      shingles.set(t, kept);
      for (long shingle : kept) {
        textsOf.computeIfAbsent(shingle, s -> new ArrayList<>()).add(t);
      }
    }
    int[] parent = new int[texts.size()];
    for (int t = 0; t < parent.length; t++) {
      parent[t] = t;
    }
    for (int t = 0; t < texts.size(); t++) {
      Map<Integer, Integer> common = new HashMap<>();
      for (long shingle : shingles.get(t)) {
        for (int other : textsOf.get(shingle)) {
          if (other > t) {
            common.merge(other, 1, Integer::sum);
          }
        }
      }
      int size = shingles.get(t).length;
      for (Map.Entry<Integer, Integer> entry : common.entrySet()) {
        int smaller = Math.min(size, shingles.get(entry.getKey()).length);
        if (entry.getValue() >= MIN_CONTAINMENT * smaller) {
          parent[root(parent, t)] = root(parent, entry.getKey());
        }
      }
    }
    int[] groups = new int[texts.size()];
    for (int t = 0; t < groups.length; t++) {
      groups[t] = root(parent, t);
    }
    return groups;
  }

  /**
   * Deals groups to {@code folds} folds, largest group first, each to the fold with the fewest texts so far (the
   * lowest-numbered on a tie), so folds are about equal in size and the assignment is deterministic.
   */
  static int[] folds(int[] groups, int folds) {
    Map<Integer, List<Integer>> members = new HashMap<>();
    for (int t = 0; t < groups.length; t++) {
      members.computeIfAbsent(groups[t], g -> new ArrayList<>()).add(t);
    }
    List<List<Integer>> ordered = new ArrayList<>(members.values());
    ordered.sort(Comparator.<List<Integer>>comparingInt(List::size).reversed()
        .thenComparingInt(group -> group.get(0)));
    int[] sizes = new int[folds];
    int[] foldOf = new int[groups.length];
    for (List<Integer> group : ordered) {
      int smallest = 0;
      for (int f = 1; f < folds; f++) {
        if (sizes[f] < sizes[smallest]) {
          smallest = f;
        }
      }
      for (int t : group) {
        foldOf[t] = smallest;
      }
      sizes[smallest] += group.size();
    }
    return foldOf;
  }

  private static long[] shingles(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
    List<String> kept = Arrays.stream(words).filter(w -> !w.isEmpty()).toList();
    if (kept.size() < SHINGLE) {
      return new long[] {String.join(" ", kept).hashCode() * 0x9E3779B97F4A7C15L};
    }
    long[] shingles = new long[kept.size() - SHINGLE + 1];
    for (int i = 0; i < shingles.length; i++) {
      long hash = 1125899906842597L;
      for (int j = i; j < i + SHINGLE; j++) {
        hash = 31 * hash + kept.get(j).hashCode();
      }
      shingles[i] = hash;
    }
    return Arrays.stream(shingles).distinct().toArray();
  }

  private static int root(int[] parent, int t) {
    int root = t;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[t] != root) {
      int next = parent[t];
      parent[t] = root;
      t = next;
    }
    return root;
  }
}
