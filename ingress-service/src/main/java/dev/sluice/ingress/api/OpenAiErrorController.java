package dev.sluice.ingress.api;

import dev.sluice.ingress.openai.ApiError;
import dev.sluice.ingress.openai.ErrorBody;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, for errors that never reached a controller (rejected by the container or a
 * filter): OpenAI's error shape instead of Spring Boot's, and no stack trace.
 */
@RestController
public class OpenAiErrorController implements ErrorController {

  @RequestMapping("${server.error.path:/error}")
  public ResponseEntity<ErrorBody> error(HttpServletRequest request) {
    HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
        && HttpStatus.resolve(code) != null ? HttpStatus.valueOf(code) : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status.is5xxServerError()) {
      return ApiError.internal().toResponse();
    }
    String message = status == HttpStatus.NOT_FOUND
        ? "Invalid URL (" + request.getMethod() + " " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + ")"
        : status.getReasonPhrase();
    return new ApiError(status, ApiError.INVALID_REQUEST, null, null, message, Map.of()).toResponse();
  }
}
