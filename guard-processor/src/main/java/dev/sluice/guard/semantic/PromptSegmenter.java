package dev.sluice.guard.semantic;

import dev.sluice.guard.detect.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts a prompt into the pieces the semantic tier embeds: the prompt itself in windows the model can take whole,
 * and a bounded choice of its sentences, so an attack sentence inside a long benign text is compared on its own.
 *
 * <p>A sentence ends at a line break or at {@code .}, {@code !} or {@code ?} before whitespace, whatever case the
 * next word has: chat text is often written in lower case, and an abbreviation cut in two only makes a short
 * fragment, which is skipped or scores low.
 *
 * <p>MiniLM reads at most 512 tokens and was trained on much shorter texts, and every embedded piece costs one
 * model run: a prompt longer than {@code maxWindows} windows keeps its first windows and its last (documents
 * carrying an injection often have it at the start or the end); more than {@code maxSentences} sentences keep the
 * first ones, the last one and then the longest. Deterministic: the same text always gives the same segments.
 */
public final class PromptSegmenter {

  private final int windowChars;
  private final int maxWindows;
  private final int maxSentences;
  private final int minSentenceChars;

  /**
   * @param windowChars longest window in characters; 1,200 characters of English are about 250 tokens, within the
   *     256 that sentence-transformers feeds MiniLM
   * @param maxWindows most windows per prompt, at least 1
   * @param maxSentences most sentences per prompt; 0 embeds the windows only
   * @param minSentenceChars shorter sentences are skipped: too short to say anything an attack needs
   */
  public PromptSegmenter(int windowChars, int maxWindows, int maxSentences, int minSentenceChars) {
    if (windowChars < 64 || maxWindows < 1 || maxSentences < 0 || minSentenceChars < 1) {
      throw new IllegalArgumentException("invalid segmenter settings: windowChars=" + windowChars + " (>= 64),"
          + " maxWindows=" + maxWindows + " (>= 1), maxSentences=" + maxSentences + " (>= 0), minSentenceChars="
          + minSentenceChars + " (>= 1)");
    }
    this.windowChars = windowChars;
    this.maxWindows = maxWindows;
    this.maxSentences = maxSentences;
    this.minSentenceChars = minSentenceChars;
  }

  /** Windows first, then sentences, each group in text order; empty for blank text. */
  public List<PromptSegment> segments(String text) {
    List<PromptSegment> segments = new ArrayList<>(windows(text));
    for (PromptSegment sentence : sentences(text)) {
      boolean sameAsWindow = segments.stream().anyMatch(window -> window.span().equals(sentence.span()));
      if (!sameAsWindow) {
        segments.add(sentence);
      }
    }
    return segments;
  }

  private List<PromptSegment> windows(String text) {
    List<PromptSegment> windows = new ArrayList<>();
    int start = skipWhitespace(text, 0);
    while (start < text.length()) {
      int end = cutAtWhitespace(text, start, Math.min(text.length(), start + windowChars));
      Span span = trimmed(text, start, end);
      if (span != null) {
        windows.add(segment(PromptSegment.Kind.WINDOW, text, span));
      }
      start = skipWhitespace(text, end);
    }
    if (windows.size() <= maxWindows) {
      return windows;
    }
    List<PromptSegment> kept = new ArrayList<>(windows.subList(0, maxWindows - 1));
    kept.add(windows.get(windows.size() - 1));
    return kept;
  }

  private List<PromptSegment> sentences(String text) {
    if (maxSentences == 0) {
      return List.of();
    }
    List<PromptSegment> sentences = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      boolean lineEnd = text.charAt(i) == '\n';
      boolean sentenceEnd = isSentenceEnd(text.charAt(i))
          && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
      if (lineEnd || sentenceEnd) {
        addSentence(text, start, lineEnd ? i : i + 1, sentences);
        start = i + 1;
      }
    }
    addSentence(text, start, text.length(), sentences);
    if (sentences.size() <= maxSentences) {
      return sentences;
    }
    return choose(sentences);
  }

  private void addSentence(String text, int start, int end, List<PromptSegment> sentences) {
    Span span = trimmed(text, start, end);
    if (span == null || span.end() - span.start() < minSentenceChars) {
      return;
    }
    if (span.end() - span.start() > windowChars) {
      span = trimmed(text, span.start(), cutAtWhitespace(text, span.start(), span.start() + windowChars));
    }
    sentences.add(segment(PromptSegment.Kind.SENTENCE, text, span));
  }

  /** The first sentences, the last one, then the longest (earlier first on ties), back in text order. */
  private List<PromptSegment> choose(List<PromptSegment> sentences) {
    int first = Math.max(1, maxSentences / 2);
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < first && chosen.size() < maxSentences; i++) {
      chosen.add(i);
    }
    if (chosen.size() < maxSentences) {
      chosen.add(sentences.size() - 1);
    }
    List<Integer> rest = new ArrayList<>();
    for (int i = first; i < sentences.size() - 1; i++) {
      rest.add(i);
    }
    rest.sort(Comparator.comparingInt((Integer i) -> -length(sentences.get(i))).thenComparingInt(i -> i));
    for (int i = 0; chosen.size() < maxSentences && i < rest.size(); i++) {
      chosen.add(rest.get(i));
    }
    return chosen.stream().sorted().map(sentences::get).toList();
  }

  private static int length(PromptSegment segment) {
    return segment.span().end() - segment.span().start();
  }

  /**
   * {@code limit} itself when it ends the text; else the last sentence end in the window's second half, so windows
   * hold whole sentences; else the last whitespace there; else {@code limit}, inside a word.
   */
  private static int cutAtWhitespace(String text, int start, int limit) {
    if (limit >= text.length()) {
      return text.length();
    }
    int half = start + (limit - start) / 2;
    int lastWhitespace = -1;
    for (int i = limit; i > half; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        if (isSentenceEnd(text.charAt(i - 1))) {
          return i;
        }
        lastWhitespace = lastWhitespace < 0 ? i : lastWhitespace;
      }
    }
    return lastWhitespace < 0 ? limit : lastWhitespace;
  }

  private static boolean isSentenceEnd(char c) {
    return c == '.' || c == '!' || c == '?';
  }

  private static int skipWhitespace(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** {@code [start, end)} without surrounding whitespace, or null when nothing is left. */
  private static Span trimmed(String text, int start, int end) {
    int s = start;
    int e = end;
    while (s < e && Character.isWhitespace(text.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    return s == e ? null : new Span(s, e);
  }

  private static PromptSegment segment(PromptSegment.Kind kind, String text, Span span) {
    return new PromptSegment(kind, span, text.substring(span.start(), span.end()));
  }
}
