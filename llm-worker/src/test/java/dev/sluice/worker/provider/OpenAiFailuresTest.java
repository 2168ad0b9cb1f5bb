package dev.sluice.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.errors.OpenAIIoException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OpenAiFailuresTest {

  @Test
  void refusalsOfTheRequestItselfAreNotRetryable() {
    for (int status : new int[] {400, 401, 403, 404, 422}) {
      assertThat(OpenAiFailures.retryable(status)).as("HTTP %d", status).isFalse();
    }
  }

  @Test
  void throttlingAndServerTroubleAreRetryable() {
    for (int status : new int[] {408, 409, 429, 500, 502, 503}) {
      assertThat(OpenAiFailures.retryable(status)).as("HTTP %d", status).isTrue();
    }
  }

  @Test
  void namesTheStatus() {
    assertThat(OpenAiFailures.codeFor(401)).isEqualTo("unauthorized");
    assertThat(OpenAiFailures.codeFor(404)).isEqualTo("not_found");
    assertThat(OpenAiFailures.codeFor(429)).isEqualTo("rate_limited");
    assertThat(OpenAiFailures.codeFor(503)).isEqualTo("provider_server_error");
    assertThat(OpenAiFailures.codeFor(418)).isEqualTo("http_418");
  }

  @Test
  void aTimeoutInsideTheClientIsATimedOutRetryableFailure() {
    CallResult.Failed failed = OpenAiFailures.classify("simulator",
        new CompletionException(new OpenAIIoException("Request failed", new SocketTimeoutException("timeout"))));

    assertThat(failed.code()).isEqualTo("provider_timeout");
    assertThat(failed.timedOut()).isTrue();
    assertThat(failed.retryable()).isTrue();
  }

  @Test
  void aConnectionFailureIsRetryableButNotATimeout() {
    CallResult.Failed failed = OpenAiFailures.classify("openai",
        new OpenAIIoException("Request failed", new IOException("connection refused")));

    assertThat(failed.code()).isEqualTo("provider_unreachable");
    assertThat(failed.message()).contains("openai", "connection refused");
    assertThat(failed.timedOut()).isFalse();
    assertThat(failed.retryable()).isTrue();
  }
}
