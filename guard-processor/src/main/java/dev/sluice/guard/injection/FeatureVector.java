package dev.sluice.guard.injection;

import java.util.Arrays;

/** A sparse feature vector: hashed bucket indices with their values, duplicates allowed (they add up). */
public final class FeatureVector implements LexicalFeatures.Sink {

  private int[] buckets = new int[256];
  private float[] values = new float[256];
  private int size;

  @Override
  public void add(int bucket, float value) {
    if (size == buckets.length) {
      buckets = Arrays.copyOf(buckets, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    buckets[size] = bucket;
    values[size] = value;
    size++;
  }

  void clear() {
    size = 0;
  }

  /** Multiplies the values from index {@code from} on by {@code factor}. */
  void scale(int from, float factor) {
    for (int i = from; i < size; i++) {
      values[i] *= factor;
    }
  }

  /** The same vector with each bucket once, its values summed, in bucket order. */
  FeatureVector merged() {
    long[] packed = new long[size];
    for (int i = 0; i < size; i++) {
      packed[i] = (long) buckets[i] << 32 | i;
    }
    Arrays.sort(packed);
    FeatureVector merged = new FeatureVector();
    for (long entry : packed) {
      int bucket = (int) (entry >>> 32);
      float value = values[(int) entry];
      if (merged.size > 0 && merged.buckets[merged.size - 1] == bucket) {
        merged.values[merged.size - 1] += value;
      } else {
        merged.add(bucket, value);
      }
    }
    return merged;
  }

  public int size() {
    return size;
  }

  public int bucket(int i) {
    return buckets[i];
  }

  public float value(int i) {
    return values[i];
  }
}
