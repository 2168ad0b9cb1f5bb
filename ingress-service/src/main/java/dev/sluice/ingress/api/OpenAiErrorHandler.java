package dev.sluice.ingress.api;

import dev.sluice.ingress.openai.ApiError;
import dev.sluice.ingress.openai.ApiErrorException;
import dev.sluice.ingress.openai.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Answers every error raised while handling a request in OpenAI's error shape, so SDKs can read it: the API's
 * own errors, framework errors (404, 405, 415, malformed JSON) and anything unexpected (500, logged here, never
 * with a stack trace in the response).
 */
@RestControllerAdvice
public class OpenAiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(OpenAiErrorHandler.class);

  @ExceptionHandler(ApiErrorException.class)
  public ResponseEntity<ErrorBody> apiError(ApiErrorException e) {
    return e.error().toResponse();
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<ErrorBody> unreadableBody(HttpMessageNotReadableException e) {
    String param = jsonPath(e);
    String message = param == null
        ? "We could not parse the JSON body of your request. The API expects a JSON object."
        : "We could not parse the JSON body of your request: '" + param + "' has the wrong type.";
    return ApiError.invalidRequest(param, message).toResponse();
  }

  @ExceptionHandler(AsyncRequestTimeoutException.class)
  public ResponseEntity<ErrorBody> asyncTimeout() {
    return ApiError.timeout("No response arrived before the request's deadline.").toResponse();
  }

  @ExceptionHandler(AsyncRequestNotUsableException.class)
  public void clientGone(AsyncRequestNotUsableException e) {
    // The client hung up before its answer was ready; there is no one left to answer.
    log.debug("Client went away: {}", e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<ErrorBody> other(Exception e, HttpServletRequest request) {
    if (e instanceof ErrorResponse framework) {
      return frameworkError(e, framework, request);
    }
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return ApiError.internal().toResponse();
  }

  private static ResponseEntity<ErrorBody> frameworkError(Exception e, ErrorResponse framework,
      HttpServletRequest request) {
    HttpStatusCode status = framework.getStatusCode();
    if (status.is5xxServerError()) {
      log.error("Error on {} {}", request.getMethod(), request.getRequestURI(), e);
      return ApiError.internal().toResponse();
    }
    String message = e instanceof NoHandlerFoundException || e instanceof NoResourceFoundException
        ? "Invalid URL (" + request.getMethod() + " " + request.getRequestURI() + ")"
        : framework.getBody().getDetail();
    ApiError error = new ApiError(HttpStatus.valueOf(status.value()), ApiError.INVALID_REQUEST, null, null,
        message != null ? message : HttpStatus.valueOf(status.value()).getReasonPhrase(), Map.of());
    // Keeps what the framework says the client needs, such as Allow on 405 and Accept on 415.
    HttpHeaders headers = HttpHeaders.copyOf(framework.getHeaders());
    return error.toResponse(headers);
  }

  private static String jsonPath(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
          if (reference.getPropertyName() != null) {
            path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
          } else if (reference.getIndex() >= 0) {
            path.append('[').append(reference.getIndex()).append(']');
          }
        }
        return path.isEmpty() ? null : path.toString();
      }
    }
    return null;
  }
}
