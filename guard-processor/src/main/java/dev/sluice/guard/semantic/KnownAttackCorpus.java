package dev.sluice.guard.semantic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The known attacks a prompt is compared with: short exemplars, each filed under an attack category.
 *
 * <p>The curated corpus ({@link #curated()}) is written for Sluice in generic words, one intent per line, and is
 * not built from any evaluation file, so its measured recall is not inflated by memorised prompts.
 */
public final class KnownAttackCorpus {

  /** The curated corpus, a resource next to this class. */
  private static final String CURATED_RESOURCE = "known-attacks.txt";

  private static final Pattern HEADER = Pattern.compile("^\\[([a-z_]+)]$");

  private final List<AttackExemplar> exemplars;

  private KnownAttackCorpus(List<AttackExemplar> exemplars) {
    if (exemplars.isEmpty()) {
      throw new IllegalArgumentException("a known-attack corpus needs at least one exemplar");
    }
    this.exemplars = List.copyOf(exemplars);
  }

  /** A corpus of exactly {@code exemplars}, in that order. */
  public static KnownAttackCorpus of(List<AttackExemplar> exemplars) {
    return new KnownAttackCorpus(exemplars);
  }

  /** The corpus shipped with the guard. */
  public static KnownAttackCorpus curated() {
    try (InputStream in = KnownAttackCorpus.class.getResourceAsStream(CURATED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + CURATED_RESOURCE + " is missing next to "
            + KnownAttackCorpus.class.getName());
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(reader.lines().toList(), SemanticCategories.ALL);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CURATED_RESOURCE, e);
    }
  }

  /**
   * Reads the corpus format: a {@code [category]} header line, then one exemplar per line; blank lines and lines
   * starting with {@code #} are skipped. Every category must be one of {@code categories}.
   */
  static KnownAttackCorpus parse(List<String> lines, Set<String> categories) {
    List<AttackExemplar> exemplars = new ArrayList<>();
    String category = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher header = HEADER.matcher(line);
      if (header.matches()) {
        category = header.group(1);
        if (!categories.contains(category)) {
          throw new IllegalArgumentException("line " + (i + 1) + ": unknown category [" + category + "]");
        }
      } else if (category == null) {
        throw new IllegalArgumentException("line " + (i + 1) + ": exemplar before any [category] header");
      } else {
        exemplars.add(new AttackExemplar(category, line));
      }
    }
    return new KnownAttackCorpus(exemplars);
  }

  public List<AttackExemplar> exemplars() {
    return exemplars;
  }

  /** How many exemplars each category has, by category name. */
  public Map<String, Integer> sizeByCategory() {
    Map<String, Integer> sizes = new TreeMap<>();
    for (AttackExemplar exemplar : exemplars) {
      sizes.merge(exemplar.category(), 1, Integer::sum);
    }
    return sizes;
  }
}
