package dev.sluice.guard.pii;

import java.util.ArrayList;
import java.util.List;

/** Runs one finder alone and returns what it matched, as text. */
final class FinderAssertions {

  private FinderAssertions() {
  }

  static List<String> found(PiiFinder finder, String text) {
    List<PiiMatch> matches = new ArrayList<>();
    finder.find(text, DigitRuns.of(text), matches);
    matches.forEach(match -> {
      if (match.type() != finder.type()) {
        throw new AssertionError("finder of " + finder.type() + " reported " + match.type());
      }
    });
    return matches.stream().map(match -> text.substring(match.start(), match.end())).toList();
  }

  static List<String> values(PiiFinder finder, String text) {
    List<PiiMatch> matches = new ArrayList<>();
    finder.find(text, DigitRuns.of(text), matches);
    return matches.stream().map(PiiMatch::value).toList();
  }
}
