package dev.sluice.ingress.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ingress.auth.Tenant;
import dev.sluice.ingress.openai.ApiErrorException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

  private static final Tenant DEMO = new Tenant("demo");

  @Test
  void randomIdsAreDistinctUuids() {
    String first = RequestIds.random();

    assertThat(UUID.fromString(first).version()).isEqualTo(4);
    assertThat(RequestIds.random()).isNotEqualTo(first);
  }

  @Test
  void theSameTenantAndKeyGiveTheSameId() {
    assertThat(RequestIds.forIdempotencyKey(DEMO, "order-42"))
        .isEqualTo(RequestIds.forIdempotencyKey(new Tenant("demo"), "order-42"));
  }

  @Test
  void differentKeysOrTenantsGiveDifferentIds() {
    String id = RequestIds.forIdempotencyKey(DEMO, "order-42");

    assertThat(RequestIds.forIdempotencyKey(DEMO, "order-43")).isNotEqualTo(id);
    assertThat(RequestIds.forIdempotencyKey(new Tenant("acme"), "order-42")).isNotEqualTo(id);
  }

  @Test
  void derivedIdsAreVersion8Uuids() {
    UUID id = UUID.fromString(RequestIds.forIdempotencyKey(DEMO, "order-42"));

    assertThat(id.version()).isEqualTo(8);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void acceptsKeysOfUpTo255VisibleAsciiCharacters() {
    assertThat(RequestIds.forIdempotencyKey(DEMO, "k".repeat(255))).isNotBlank();
    assertThat(RequestIds.forIdempotencyKey(DEMO, "!~")).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "tab\tkey", "ключ"})
  void rejectsMalformedKeys(String key) {
    assertThatThrownBy(() -> RequestIds.forIdempotencyKey(DEMO, key))
        .isInstanceOfSatisfying(ApiErrorException.class,
            e -> assertThat(e.error().param()).isEqualTo("Idempotency-Key"));
  }

  @Test
  void rejectsKeysLongerThan255Characters() {
    assertThatThrownBy(() -> RequestIds.forIdempotencyKey(DEMO, "k".repeat(256)))
        .isInstanceOf(ApiErrorException.class);
  }
}
