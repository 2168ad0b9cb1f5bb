package dev.sluice.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedReplyTest {

    private static final List<PromptMessage> PROMPT = List.of(
            new PromptMessage("system", "You help."),
            new PromptMessage("user", "earlier"),
            new PromptMessage("assistant", "an answer"),
            new PromptMessage("user", "latest question"));

    @Test
    void echoesTheLastUserMessage() {
        SimulatedReply reply = SimulatedReply.to(PROMPT, false, OptionalInt.empty());

        assertThat(reply.content()).isEqualTo("Simulated answer to: latest question");
        assertThat(reply.finishReason()).isEqualTo("stop");
    }

    @Test
    void echoesAtMost200CodePointsWithoutSplittingASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String longMessage = emoji.repeat(250);

        String answer = SimulatedReply.answerTo(List.of(new PromptMessage("user", longMessage)));

        assertThat(answer).isEqualTo("Simulated answer to: " + emoji.repeat(200));
    }

    @Test
    void echoesNothingWhenNoMessageIsFromTheUser() {
        assertThat(SimulatedReply.answerTo(List.of(new PromptMessage("system", "only rules"))))
                .isEqualTo("Simulated answer to: ");
    }

    @Test
    void countsTokensAsAQuarterOfTheCharsRoundedUpPlusFourPerMessage() {
        SimulatedReply reply = SimulatedReply.to(PROMPT, false, OptionalInt.empty());

        // "You help." 9 -> 3, "earlier" 7 -> 2, "an answer" 9 -> 3, "latest question" 15 -> 4; plus 4 x 4
        assertThat(reply.promptTokens()).isEqualTo(28);
        // "Simulated answer to: latest question" has 36 chars
        assertThat(reply.completionTokens()).isEqualTo(9);
        assertThat(reply.totalTokens()).isEqualTo(37);
        assertThat(TokenEstimate.textTokens("")).isZero();
    }

    @Test
    void reasoningAddsToTheCompletionTokensAndReplacesEarlierReasoning() {
        SimulatedReply reply = SimulatedReply.to(PROMPT, false, OptionalInt.empty()).withReasoning(20);

        assertThat(reply.content()).isEqualTo("Simulated answer to: latest question");
        assertThat(reply.completionTokens()).isEqualTo(29);
        assertThat(reply.reasoningTokens()).isEqualTo(20);
        assertThat(reply.totalTokens()).isEqualTo(57);
        assertThat(reply.withReasoning(5).completionTokens()).isEqualTo(14);
        assertThat(reply.withReasoning(0)).isEqualTo(SimulatedReply.to(PROMPT, false, OptionalInt.empty()));
        assertThatThrownBy(() -> new SimulatedReply("x", "stop", 1, 3, 4))
                .hasMessageContaining("reasoningTokens");
    }

    @Test
    void cutsAtMaxTokensAndSaysSo() {
        SimulatedReply reply = SimulatedReply.to(PROMPT, false, OptionalInt.of(2));

        assertThat(reply.content()).isEqualTo("Simulate");
        assertThat(reply.finishReason()).isEqualTo("length");
        assertThat(reply.completionTokens()).isEqualTo(2);
    }

    @Test
    void leavesAReplyThatFitsItsMaxTokensWhole() {
        SimulatedReply reply = SimulatedReply.to(PROMPT, false, OptionalInt.of(9));

        assertThat(reply.content()).isEqualTo("Simulated answer to: latest question");
        assertThat(reply.finishReason()).isEqualTo("stop");
    }

    @Test
    void judgesWithScoresInRangeThatDependOnlyOnThePrompt() throws Exception {
        ObjectMapper json = new ObjectMapper();

        for (int i = 0; i < 200; i++) {
            List<PromptMessage> prompt = List.of(new PromptMessage("user", "answer number " + i));
            SimulatedReply reply = SimulatedReply.to(prompt, true, OptionalInt.empty());
            JsonNode rubric = json.readTree(reply.content());
            JudgeRubric expected = JudgeRubric.forPrompt(prompt);

            assertThat(rubric.get("correctness").asInt()).isEqualTo(expected.correctness()).isBetween(1, 5);
            assertThat(rubric.get("relevance").asInt()).isEqualTo(expected.relevance()).isBetween(1, 5);
            assertThat(rubric.get("helpfulness").asInt()).isEqualTo(expected.helpfulness()).isBetween(1, 5);
            assertThat(rubric.get("safety").asInt()).isEqualTo(expected.safety()).isBetween(1, 5);
            assertThat(rubric.get("overall").asInt()).isEqualTo(expected.overall()).isBetween(1, 5);
            assertThat(rubric.get("reasoning").asText()).isEqualTo(expected.reasoning());
        }
    }

    @Test
    void judgesDifferentPromptsDifferently() {
        long distinctScores = IntStream.range(0, 50)
                .mapToObj(i -> JudgeRubric.forPrompt(List.of(new PromptMessage("user", "answer " + i))))
                .map(r -> List.of(r.correctness(), r.relevance(), r.helpfulness(), r.safety()))
                .distinct()
                .count();

        assertThat(distinctScores).isGreaterThan(25);
    }

    @Test
    void rubricJsonKeepsItsFieldOrder() {
        JudgeRubric rubric = new JudgeRubric(5, 4, 3, 2, 4, "fine \"quoted\"");

        assertThat(rubric.toJson()).isEqualTo("{\"correctness\":5,\"relevance\":4,\"helpfulness\":3,\"safety\":2,"
                + "\"overall\":4,\"reasoning\":\"fine \\\"quoted\\\"\"}");
    }

    @Test
    void fingerprintTellsRoleFromContent() {
        PromptFingerprint a = PromptFingerprint.of(List.of(new PromptMessage("user", "x")));
        PromptFingerprint b = PromptFingerprint.of(List.of(new PromptMessage("use", "rx")));

        assertThat(a.hexPrefix(32)).isNotEqualTo(b.hexPrefix(32)).hasSize(64);
    }
}
