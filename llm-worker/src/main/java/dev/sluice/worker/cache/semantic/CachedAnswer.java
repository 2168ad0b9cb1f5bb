package dev.sluice.worker.cache.semantic;

/**
 * A provider's answer, kept to answer later prompts that mean the same.
 *
 * @param model the model the provider says it used
 */
public record CachedAnswer(String content, String finishReason, String model) {
}
