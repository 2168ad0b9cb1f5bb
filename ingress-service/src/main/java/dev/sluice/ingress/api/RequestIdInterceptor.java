package dev.sluice.ingress.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Gives every API call a random requestId up front, so even a call rejected before it reaches a controller (401,
 * malformed JSON) answers with an {@code x-sluice-request-id} to quote; the controller replaces it when an
 * Idempotency-Key sets the id.
 */
public final class RequestIdInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getDispatcherType() == DispatcherType.REQUEST) {
      RequestIds.assign(request, response, RequestIds.random());
    }
    return true;
  }
}
