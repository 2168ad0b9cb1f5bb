package dev.sluice.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ingress.IngressProperties.ApiKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyDirectoryTest {

  /** The documented public demo key and the hash application.yml configures for it. */
  private static final String DEMO_KEY = "sk-sluice-demo";
  private static final String DEMO_SHA256 = "1c590839af894cf25f9a5fe06929af05b377f60efbe55508ef93d251887b9213";

  @Test
  void hashesKeysAsLowerCaseHexSha256() {
    assertThat(ApiKeyDirectory.sha256Hex(DEMO_KEY)).isEqualTo(DEMO_SHA256);
    // The SHA-256 of the empty string, from FIPS 180-2 test vectors.
    assertThat(ApiKeyDirectory.sha256Hex(""))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void findsTheTenantOfAConfiguredKey() {
    ApiKeyDirectory directory = new ApiKeyDirectory(List.of(
        new ApiKey(DEMO_SHA256, "demo"),
        new ApiKey(ApiKeyDirectory.sha256Hex("sk-acme"), "acme")));

    assertThat(directory.tenantFor(DEMO_KEY)).contains(new Tenant("demo"));
    assertThat(directory.tenantFor("sk-acme")).contains(new Tenant("acme"));
  }

  @Test
  void aKeysTenantCarriesItsConfiguredTier() {
    ApiKeyDirectory directory = new ApiKeyDirectory(List.of(
        new ApiKey(DEMO_SHA256, "demo"),
        new ApiKey(ApiKeyDirectory.sha256Hex("sk-acme"), "acme", "enterprise")));

    assertThat(directory.tenantFor("sk-acme")).contains(new Tenant("acme", "enterprise"));
    assertThat(directory.tenantFor(DEMO_KEY).orElseThrow().tier()).isNull();
  }

  @Test
  void acceptsUpperCaseHashes() {
    ApiKeyDirectory directory = new ApiKeyDirectory(List.of(new ApiKey(DEMO_SHA256.toUpperCase(), "demo")));

    assertThat(directory.tenantFor(DEMO_KEY)).contains(new Tenant("demo"));
  }

  @Test
  void findsNoTenantForAnUnknownOrAlteredKey() {
    ApiKeyDirectory directory = new ApiKeyDirectory(List.of(new ApiKey(DEMO_SHA256, "demo")));

    assertThat(directory.tenantFor("sk-sluice-demO")).isEmpty();
    assertThat(directory.tenantFor(DEMO_KEY + " ")).isEmpty();
    assertThat(directory.tenantFor("")).isEmpty();
    // The hash itself is not a key.
    assertThat(directory.tenantFor(DEMO_SHA256)).isEmpty();
  }

  @Test
  void refusesMalformedHashesNamingTheSetting() {
    assertThatThrownBy(() -> new ApiKeyDirectory(List.of(new ApiKey(DEMO_SHA256, "demo"),
        new ApiKey("sk-sluice-demo", "clear"))))
        .hasMessageContaining("sluice.ingress.api-keys[1].sha256");
    assertThatThrownBy(() -> new ApiKeyDirectory(List.of(new ApiKey(DEMO_SHA256.substring(1), "demo"))))
        .hasMessageContaining("sluice.ingress.api-keys[0].sha256");
  }

  @Test
  void refusesAHashListedTwice() {
    assertThatThrownBy(() -> new ApiKeyDirectory(List.of(new ApiKey(DEMO_SHA256, "demo"),
        new ApiKey(DEMO_SHA256.toUpperCase(), "other"))))
        .hasMessageContaining("sluice.ingress.api-keys[1].sha256 is listed more than once");
  }

  @Test
  void refusesABlankTenant() {
    assertThatThrownBy(() -> new ApiKeyDirectory(List.of(new ApiKey(DEMO_SHA256, " "))))
        .hasMessageContaining("sluice.ingress.api-keys[0].tenant");
  }
}
