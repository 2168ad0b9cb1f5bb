package dev.sluice.simulator.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.simulator.reply.SimulatedReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SimulatedReply REPLY = new SimulatedReply("Simulated answer to: hello", "stop", 7, 7);

    @Test
    void sendsRoleAndFirstTokenFirstThenATokenAPartThenFinishUsageAndDone() throws Exception {
        List<byte[]> parts = new CompletionStream(JSON, "chatcmpl-sim-x-1", 1_700_000_000L, "gpt-4o", true)
                .parts(REPLY);

        // 26 chars: 7 tokens, so 8 parts
        assertThat(parts).hasSize(8);
        List<String> first = events(parts.get(0));
        assertThat(first).hasSize(2);
        JsonNode role = JSON.readTree(first.get(0));
        assertThat(role.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(role.at("/choices/0/delta/content").asText()).isEmpty();
        assertThat(JSON.readTree(first.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("Simu");
        assertThat(JSON.readTree(events(parts.get(1)).get(0)).at("/choices/0/delta/content").asText())
                .isEqualTo("late");

        List<String> last = events(parts.get(7));
        assertThat(last).hasSize(3);
        JsonNode finish = JSON.readTree(last.get(0));
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(finish.at("/choices/0/delta").isEmpty()).isTrue();
        JsonNode usage = JSON.readTree(last.get(1));
        assertThat(usage.get("choices").isArray()).isTrue();
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(7);
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(7);
        assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(14);
        assertThat(last.get(2)).isEqualTo("[DONE]");
    }

    @Test
    void givesEveryChunkTheSameHeaderAndTheWholeContentInOrder() throws Exception {
        List<JsonNode> chunks = chunks(new CompletionStream(JSON, "chatcmpl-sim-x-2", 1_700_000_000L, "gpt-4o-mini",
                true).parts(REPLY));

        StringBuilder content = new StringBuilder();
        for (JsonNode chunk : chunks) {
            assertThat(chunk.get("id").asText()).isEqualTo("chatcmpl-sim-x-2");
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("created").asLong()).isEqualTo(1_700_000_000L);
            assertThat(chunk.get("model").asText()).isEqualTo("gpt-4o-mini");
            chunk.path("choices").forEach(choice -> content.append(choice.at("/delta/content").asText("")));
        }
        assertThat(content).hasToString(REPLY.content());
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(chunk -> assertThat(chunk.get("usage").isNull()).isTrue());
    }

    @Test
    void leavesUsageOutUnlessAskedFor() throws Exception {
        List<byte[]> parts = new CompletionStream(JSON, "id", 0, "gpt-4o", false).parts(REPLY);

        List<JsonNode> chunks = chunks(parts);
        assertThat(chunks).noneSatisfy(chunk -> assertThat(chunk.has("usage")).isTrue());
        assertThat(events(parts.get(parts.size() - 1))).hasSize(2).endsWith("[DONE]");
    }

    @Test
    void breaksOnlyTheFirstChunkWhenAskedToBeMalformed() throws Exception {
        CompletionStream stream = new CompletionStream(JSON, "id", 0, "gpt-4o", false);
        List<byte[]> whole = stream.parts(REPLY);
        List<byte[]> broken = stream.partsWithBrokenFirstChunk(REPLY);

        String firstEvent = events(broken.get(0)).get(0);
        assertThat(firstEvent).startsWith("{\"id\":\"id\"");
        assertThatThrownBy(() -> JSON.readTree(firstEvent)).isInstanceOf(IOException.class);
        assertThat(broken.subList(1, broken.size())).usingElementComparator(Arrays::compare)
                .containsExactlyElementsOf(whole.subList(1, whole.size()));
    }

    private static List<JsonNode> chunks(List<byte[]> parts) throws IOException {
        List<JsonNode> chunks = new ArrayList<>();
        for (byte[] part : parts) {
            for (String data : events(part)) {
                if (!data.equals("[DONE]")) {
                    chunks.add(JSON.readTree(data));
                }
            }
        }
        return chunks;
    }

    /** The data of each server-sent event in the part; every event is one {@code data:} line and a blank line. */
    private static List<String> events(byte[] part) {
        String text = new String(part, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n\n");
        List<String> data = new ArrayList<>();
        for (String event : text.split("\n\n")) {
            assertThat(event).startsWith("data: ").doesNotContain("\n");
            data.add(event.substring("data: ".length()));
        }
        return data;
    }
}
