package dev.sluice.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEstimateTest {

    @Test
    void splitsIntoFourCharTokensThatJoinBackToTheText() {
        String text = "Simulated answer to: What is Kafka?";

        List<String> tokens = TokenEstimate.split(text);

        assertThat(tokens).hasSize(TokenEstimate.textTokens(text)).startsWith("Simu", "late", "d an");
        assertThat(tokens.get(tokens.size() - 1)).isEqualTo("ka?");
        assertThat(String.join("", tokens)).isEqualTo(text);
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "abc\uD83D\uDE00defgh";

        List<String> tokens = TokenEstimate.split(text);

        assertThat(tokens).containsExactly("abc", "\uD83D\uDE00de", "fgh");
        assertThat(String.join("", tokens)).isEqualTo(text);
    }

    @Test
    void splitsNothingIntoNoTokens() {
        assertThat(TokenEstimate.split("")).isEmpty();
    }
}
