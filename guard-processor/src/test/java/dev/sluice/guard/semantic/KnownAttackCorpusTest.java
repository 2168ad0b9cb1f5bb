package dev.sluice.guard.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnownAttackCorpusTest {

  @Test
  void theCuratedCorpusCoversEveryCategory() {
    KnownAttackCorpus corpus = KnownAttackCorpus.curated();

    assertThat(corpus.sizeByCategory().keySet()).isEqualTo(SemanticCategories.ALL);
    assertThat(corpus.sizeByCategory().values()).allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(10));
  }

  @Test
  void theCuratedCorpusHasNoDuplicateExemplars() {
    List<String> texts = KnownAttackCorpus.curated().exemplars().stream().map(AttackExemplar::text).toList();

    assertThat(texts).doesNotHaveDuplicates();
  }

  @Test
  void parsesHeadersExemplarsCommentsAndBlankLines() {
    KnownAttackCorpus corpus = KnownAttackCorpus.parse(List.of("# a comment", "", "[first]", "attack one",
        "  attack two  ", "[second]", "# another comment", "attack three"), Set.of("first", "second"));

    assertThat(corpus.exemplars()).containsExactly(new AttackExemplar("first", "attack one"),
        new AttackExemplar("first", "attack two"), new AttackExemplar("second", "attack three"));
  }

  @Test
  void rejectsUnknownCategoriesAndExemplarsWithoutOne() {
    assertThatThrownBy(() -> KnownAttackCorpus.parse(List.of("[other]", "attack"), Set.of("first")))
        .hasMessageContaining("line 1").hasMessageContaining("other");
    assertThatThrownBy(() -> KnownAttackCorpus.parse(List.of("# header missing", "attack"), Set.of("first")))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> KnownAttackCorpus.parse(List.of("[first]"), Set.of("first")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
