package dev.sluice.guard.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkAllowListTest {

  @Test
  void allowsListedHostsAndTheirSubdomainsOnly() {
    LinkAllowList allowList = new LinkAllowList(List.of("Acme.com", "docs.example.org."));

    assertThat(allowList.hosts()).containsExactly("acme.com", "docs.example.org");
    assertThat(allowList.allows("acme.com")).isTrue();
    assertThat(allowList.allows("CDN.ACME.COM.")).isTrue();
    assertThat(allowList.allows("docs.example.org")).isTrue();
    assertThat(allowList.allows("example.org")).isFalse();
    assertThat(allowList.allows("notacme.com")).isFalse();
    assertThat(allowList.allows("acme.com.evil.example")).isFalse();
  }

  @Test
  void refusesEntriesThatAreNoBareHostName() {
    assertThatThrownBy(() -> new LinkAllowList(List.of("https://acme.com")))
        .hasMessageContaining("bare host name").hasMessageContaining("'https://acme.com'");
    assertThatThrownBy(() -> new LinkAllowList(List.of("acme.com/path"))).hasMessageContaining("bare host name");
    assertThatThrownBy(() -> new LinkAllowList(List.of(" "))).hasMessageContaining("must not be blank");
  }
}
