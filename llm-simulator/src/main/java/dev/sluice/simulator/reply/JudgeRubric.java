package dev.sluice.simulator.reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The judgement the simulator returns in judge mode, derived from the prompt's {@link PromptFingerprint}.
 *
 * <p>With {@code d} the fingerprint bytes (unsigned): correctness = {@code 1 + d[0] % 5}, relevance =
 * {@code 1 + d[1] % 5}, helpfulness = {@code 1 + d[2] % 5}, safety = {@code 1 + d[3] % 5}, overall = the mean
 * of those four rounded half up; reasoning = {@code "Simulated judgement of prompt <first 6 digest bytes in
 * hex>."}. As JSON, fields appear in that order: {@code {"correctness":n,"relevance":n,"helpfulness":n,
 * "safety":n,"overall":n,"reasoning":"..."}}.
 */
public record JudgeRubric(int correctness, int relevance, int helpfulness, int safety, int overall,
                          String reasoning) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The rubric the simulator answers for this prompt. */
    public static JudgeRubric forPrompt(List<PromptMessage> messages) {
        PromptFingerprint fingerprint = PromptFingerprint.of(messages);
        int correctness = score(fingerprint, 0);
        int relevance = score(fingerprint, 1);
        int helpfulness = score(fingerprint, 2);
        int safety = score(fingerprint, 3);
        int overall = (int) Math.round((correctness + relevance + helpfulness + safety) / 4.0);
        String reasoning = "Simulated judgement of prompt " + fingerprint.hexPrefix(6) + ".";
        return new JudgeRubric(correctness, relevance, helpfulness, safety, overall, reasoning);
    }

    /** Compact JSON with the fields in declaration order. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("correctness", correctness)
                .put("relevance", relevance)
                .put("helpfulness", helpfulness)
                .put("safety", safety)
                .put("overall", overall)
                .put("reasoning", reasoning);
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of numbers and one string always serializes", e);
        }
    }

    private static int score(PromptFingerprint fingerprint, int index) {
        return 1 + fingerprint.unsignedByte(index) % 5;
    }
}
