package dev.sluice.ingress.openai;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An error answer of the API: HTTP status, OpenAI error fields and any headers it needs ({@code Retry-After},
 * {@code WWW-Authenticate}, {@code x-should-retry}).
 */
public record ApiError(HttpStatus status, String type, String code, String param, String message,
    Map<String, String> headers) {

  public static final String INVALID_REQUEST = "invalid_request_error";
  public static final String AUTHENTICATION = "authentication_error";
  public static final String INSUFFICIENT_QUOTA = "insufficient_quota";
  public static final String SERVER_ERROR = "server_error";

  public ApiError {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
    headers = Map.copyOf(headers);
  }

  public static ApiError invalidRequest(String param, String message) {
    return new ApiError(HttpStatus.BAD_REQUEST, INVALID_REQUEST, null, param, message, Map.of());
  }

  public static ApiError tooLarge(String message) {
    return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, INVALID_REQUEST, "request_too_large", null, message, Map.of());
  }

  public static ApiError missingApiKey() {
    return new ApiError(HttpStatus.UNAUTHORIZED, INVALID_REQUEST, "invalid_api_key", null,
        "You didn't provide an API key. Provide it in an Authorization header using Bearer auth "
            + "(Authorization: Bearer YOUR_KEY).", Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
  }

  public static ApiError invalidApiKey() {
    // The presented key is never echoed back, not even masked: it may be a real secret sent to the wrong place.
    return new ApiError(HttpStatus.UNAUTHORIZED, AUTHENTICATION, "invalid_api_key", null,
        "Incorrect API key provided.", Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
  }

  /** Load shed before any work was done: the caller may retry after {@code retryAfter}. */
  public static ApiError unavailable(String code, String message, Duration retryAfter) {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, SERVER_ERROR, code, null, message,
        Map.of(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter)));
  }

  public static ApiError timeout(String message) {
    return new ApiError(HttpStatus.GATEWAY_TIMEOUT, SERVER_ERROR, "timeout", null, message, Map.of());
  }

  public static ApiError internal() {
    return new ApiError(HttpStatus.INTERNAL_SERVER_ERROR, SERVER_ERROR, null, null,
        "The server had an error while processing your request.", Map.of());
  }

  /** The same error with one more response header. */
  public ApiError withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiError(status, type, code, param, message, more);
  }

  public ErrorBody body() {
    return new ErrorBody(new ErrorBody.Detail(message, type, param, code));
  }

  /** The HTTP answer, always JSON whatever the client's Accept header asked for (SDKs read the error body). */
  public ResponseEntity<ErrorBody> toResponse(HttpHeaders extraHeaders) {
    HttpHeaders all = new HttpHeaders();
    all.addAll(extraHeaders);
    headers.forEach(all::set);
    return ResponseEntity.status(status).headers(all).contentType(MediaType.APPLICATION_JSON).body(body());
  }

  public ResponseEntity<ErrorBody> toResponse() {
    return toResponse(HttpHeaders.EMPTY);
  }

  public ApiErrorException toException() {
    return new ApiErrorException(this);
  }

  private static String retryAfterSeconds(Duration retryAfter) {
    // Retry-After takes whole seconds; round up so a client never comes back early.
    long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
    return Long.toString(Math.max(1, seconds));
  }
}
