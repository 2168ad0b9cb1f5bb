package dev.sluice.ingress.auth;

import dev.sluice.ingress.IngressProperties.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Maps API keys to tenants. Only SHA-256 hashes of keys are configured, so a leaked configuration does not leak
 * keys; a presented key is hashed and compared with every entry in constant time.
 */
public final class ApiKeyDirectory {

  private static final HexFormat HEX = HexFormat.of();

  private final List<Entry> entries;

  /** Fails with the name of the bad setting when a hash is malformed or listed twice. */
  public ApiKeyDirectory(List<ApiKey> keys) {
    List<Entry> parsed = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      ApiKey key = keys.get(i);
      String setting = "sluice.ingress.api-keys[" + i + "]";
      if (key.sha256() == null || !key.sha256().matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException(setting + ".sha256 must be the 64 hex digits of a SHA-256");
      }
      if (key.tenant() == null || key.tenant().isBlank()) {
        throw new IllegalArgumentException(setting + ".tenant must not be blank");
      }
      byte[] digest = HEX.parseHex(key.sha256().toLowerCase());
      if (parsed.stream().anyMatch(entry -> MessageDigest.isEqual(entry.digest(), digest))) {
        throw new IllegalArgumentException(setting + ".sha256 is listed more than once");
      }
      parsed.add(new Entry(digest, new Tenant(key.tenant(), key.tier())));
    }
    this.entries = List.copyOf(parsed);
  }

  /** The tenant whose key this is, if any. */
  public Optional<Tenant> tenantFor(String presentedKey) {
    byte[] digest = sha256(presentedKey);
    Tenant match = null;
    // No early exit: the time taken must not tell which entry, or whether any, matched.
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), digest)) {
        match = entry.tenant();
      }
    }
    return Optional.ofNullable(match);
  }

  public int size() {
    return entries.size();
  }

  /** The hex SHA-256 of a key, the form in which keys are configured. */
  public static String sha256Hex(String key) {
    return HEX.formatHex(sha256(key));
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private record Entry(byte[] digest, Tenant tenant) {
  }
}
