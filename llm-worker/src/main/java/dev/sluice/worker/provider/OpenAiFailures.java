package dev.sluice.worker.provider;

import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** Classifies what the OpenAI client threw into a {@link CallResult.Failed} with the provider's own reason. */
final class OpenAiFailures {

  private OpenAiFailures() {
  }

  static CallResult.Failed classify(String provider, Throwable thrown) {
    Throwable error = unwrap(thrown);
    if (error instanceof OpenAIServiceException service) {
      int status = service.statusCode();
      String providerCode = service.code().map(code -> " (" + code + ")").orElse("");
      return new CallResult.Failed(codeFor(status),
          provider + " answered HTTP " + status + providerCode + ": " + reason(service), retryable(status), false,
          service.headers().values("Retry-After").stream().findFirst(), Optional.empty());
    }
    if (error instanceof OpenAIIoException io) {
      // OkHttp reports a call or read timeout as an InterruptedIOException (SocketTimeoutException included).
      boolean timedOut = causedBy(io, InterruptedIOException.class);
      return new CallResult.Failed(timedOut ? "provider_timeout" : "provider_unreachable",
          provider + (timedOut ? " did not answer in time: " : " could not be reached: ") + describe(io.getCause()),
          true, timedOut);
    }
    if (error instanceof OpenAIInvalidDataException invalid) {
      return new CallResult.Failed("invalid_provider_response",
          provider + " sent an answer that could not be read: " + invalid.getMessage(), true, false);
    }
    return new CallResult.Failed("provider_call_error", provider + " call failed: " + describe(error), false, false);
  }

  /** 408, 409, 429 and 5xx may pass on a later attempt; any other refusal will not. */
  static boolean retryable(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "permission_denied";
      case 404 -> "not_found";
      case 408 -> "request_timeout";
      case 409 -> "conflict";
      case 422 -> "unprocessable_entity";
      case 429 -> "rate_limited";
      default -> status >= 500 ? "provider_server_error" : "http_" + status;
    };
  }

  /** The provider's message without the status prefix the client puts in front of it. */
  private static String reason(OpenAIServiceException service) {
    String message = String.valueOf(service.getMessage());
    String prefix = service.statusCode() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static Throwable unwrap(Throwable thrown) {
    Throwable error = thrown;
    while (error instanceof CompletionException && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable error) {
    if (error == null) {
      return "no detail";
    }
    return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
  }
}
