package dev.sluice.guard.vault;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.guard.inspection.CompletionInspection;
import dev.sluice.guard.pii.PlaceholderMap;
import dev.sluice.guard.policy.GuardPolicies;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PII mode {@code REVERSIBLE}, as the two hooks the guard topologies call: after the input guard masked a
 * request, {@link #keep} puts its placeholder map into the vault; after the output guard checked the answer,
 * {@link #restore} puts the request's originals back in place of its own placeholders. For a tenant in mode
 * {@code MASK} both do nothing.
 *
 * <p>Failures never stop a record: a request whose originals cannot be kept goes on masked (privacy holds; its
 * answer will keep placeholders), an answer whose originals cannot be fetched goes out with placeholders. Each
 * such case is counted and returned for a guard event; a warning names the request, never the data.
 *
 * <p>Entries are not deleted once an answer is out: the read is no part of the Streams transaction, so a completion
 * processed again after a crash must still find its entry. Entries expire with their TTL (see
 * {@link EntryLifetime}), and without the vault key they are ciphertext under a name that reveals nothing.
 */
public final class ReversibleMasking implements AutoCloseable {

  /** Detector name of the vault's guard events. */
  public static final String DETECTOR = "pii-vault";
  private static final Duration WARN_EVERY = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(ReversibleMasking.class);

  private final Predicate<String> reversibleTenant;
  private final PlaceholderVault vault;
  private final EntryLifetime lifetime;
  private final VaultMetrics metrics;
  private final Clock clock;
  private final Map<VaultOutcome, AtomicLong> lastWarnedNanos = new ConcurrentHashMap<>();

  /**
   * @param policies say which tenants are in mode REVERSIBLE
   * @param vault where the originals are kept
   * @param lifetime how long they are kept
   * @param metrics where outcomes are counted
   * @param clock the time entries are written at, against the request's deadline
   */
  public ReversibleMasking(GuardPolicies policies, PlaceholderVault vault, EntryLifetime lifetime,
      VaultMetrics metrics, Clock clock) {
    this(inModeReversible(policies), vault, lifetime, metrics, clock);
  }

  private ReversibleMasking(Predicate<String> reversibleTenant, PlaceholderVault vault, EntryLifetime lifetime,
      VaultMetrics metrics, Clock clock) {
    this.reversibleTenant = reversibleTenant;
    this.vault = Objects.requireNonNull(vault, "vault");
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * For a deployment where no tenant is in mode REVERSIBLE: keeps nothing and restores nothing, so it never touches
   * its vault (which refuses every call) or its metrics.
   */
  public static ReversibleMasking off() {
    PlaceholderVault none = new PlaceholderVault() {
      @Override
      public void store(String requestId, PlaceholderMap placeholders, Duration ttl)
          throws VaultUnavailableException {
        throw new VaultUnavailableException("no vault is configured");
      }

      @Override
      public Optional<PlaceholderMap> fetch(String requestId) throws VaultUnavailableException {
        throw new VaultUnavailableException("no vault is configured");
      }
    };
    VaultMetrics uncounted = new VaultMetrics() {
      @Override
      public void written(VaultOutcome outcome) {
        throw new IllegalStateException("no tenant keeps its originals");
      }

      @Override
      public void restored(VaultOutcome outcome) {
        throw new IllegalStateException("no tenant gets its originals back");
      }
    };
    Predicate<String> noTenant = tenantId -> false;
    Duration unused = Duration.ofMinutes(1);
    return new ReversibleMasking(noTenant, none, new EntryLifetime(unused, unused), uncounted, Clock.systemUTC());
  }

  private static Predicate<String> inModeReversible(GuardPolicies policies) {
    Objects.requireNonNull(policies, "policies");
    return tenantId -> policies.forTenant(tenantId).restoresPii();
  }

  /**
   * Keeps the originals behind the placeholders the input guard put into {@code request}, when its tenant is in mode
   * REVERSIBLE. Masking is deterministic, so a request processed again writes the same map again: a harmless
   * rewrite.
   *
   * @return {@link VaultOutcome#STORED}, {@link VaultOutcome#UNAVAILABLE} or {@link VaultOutcome#NOT_NEEDED}
   */
  public VaultOutcome keep(ChatRequest request, PlaceholderMap placeholders) {
    if (placeholders.isEmpty() || !reversibleTenant.test(request.getTenantId())) {
      return VaultOutcome.NOT_NEEDED;
    }
    Duration ttl = lifetime.ttl(clock.instant(), request.getDeadline());
    VaultOutcome outcome;
    try {
      vault.store(request.getRequestId(), placeholders, ttl);
      outcome = VaultOutcome.STORED;
    } catch (VaultUnavailableException e) {
      outcome = VaultOutcome.UNAVAILABLE;
      warn(outcome, request.getRequestId(), request.getTenantId(),
          "the request goes on masked and its answer will keep placeholders", e);
    }
    metrics.written(outcome);
    return outcome;
  }

  /**
   * {@code checked} with the caller's originals back in its content, when its tenant is in mode REVERSIBLE, the
   * answer was not withheld, and the model's answer holds something that looks like a placeholder.
   *
   * @param fromModel the completion as the worker delivered it, before the output checks
   * @param checked what the output checks made of it
   */
  public RestoredAnswer restore(Completion fromModel, CompletionInspection checked) {
    String modelAnswer = fromModel.getContent();
    String answer = checked.completion().getContent();
    if (answer == null || modelAnswer == null || checked.withheld()
        || !PlaceholderMap.mayHoldPlaceholders(modelAnswer) || !reversibleTenant.test(fromModel.getTenantId())) {
      return RestoredAnswer.unchanged(checked, VaultOutcome.NOT_NEEDED);
    }
    String requestId = fromModel.getRequestId();
    Optional<PlaceholderMap> placeholders;
    try {
      placeholders = vault.fetch(requestId);
    } catch (VaultUnavailableException e) {
      return unrestored(checked, VaultOutcome.UNAVAILABLE, fromModel, e);
    } catch (UnreadableEntryException e) {
      return unrestored(checked, VaultOutcome.UNREADABLE, fromModel, e);
    }
    if (placeholders.isEmpty()) {
      metrics.restored(VaultOutcome.MISSING);
      return RestoredAnswer.unchanged(checked, VaultOutcome.MISSING);
    }
    AnswerRestoration.Result result = AnswerRestoration.restore(modelAnswer, answer, placeholders.get());
    metrics.restored(VaultOutcome.RESTORED);
    CompletionInspection restored = result.restored() == 0 ? checked : new CompletionInspection(
        Completion.newBuilder(checked.completion()).setContent(result.text()).build(), checked.verdict());
    return new RestoredAnswer(restored, VaultOutcome.RESTORED, result.restored(), result.keptInLinks());
  }

  private RestoredAnswer unrestored(CompletionInspection checked, VaultOutcome outcome, Completion fromModel,
      Exception cause) {
    warn(outcome, fromModel.getRequestId(), fromModel.getTenantId(), "the answer goes out with placeholders", cause);
    metrics.restored(outcome);
    return RestoredAnswer.unchanged(checked, outcome);
  }

  /** At most one warning per outcome every {@link #WARN_EVERY}, so an outage does not flood the log. */
  private void warn(VaultOutcome outcome, String requestId, String tenantId, String consequence, Exception cause) {
    AtomicLong last = lastWarnedNanos.computeIfAbsent(outcome,
        o -> new AtomicLong(System.nanoTime() - WARN_EVERY.toNanos()));
    long now = System.nanoTime();
    long previous = last.get();
    if (now - previous >= WARN_EVERY.toNanos() && last.compareAndSet(previous, now)) {
      log.warn("PII vault {} for request {} of tenant {} ({}); {} (more within {} s are logged at debug)",
          outcome.tag(), requestId, tenantId, cause.getMessage(), consequence, WARN_EVERY.toSeconds());
    } else {
      log.debug("PII vault {} for request {} of tenant {} ({}); {}", outcome.tag(), requestId, tenantId,
          cause.getMessage(), consequence);
    }
  }

  @Override
  public void close() throws Exception {
    if (vault instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
