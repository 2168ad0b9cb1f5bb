package dev.sluice.ingress.metrics;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Counts and times chat completion calls by the status they were answered with, whichever path answered them:
 * the controller, the async response, or an error handler (401, 400, 503…). Registered before authentication so
 * rejected calls are counted too.
 */
public final class RequestMetricsInterceptor implements HandlerInterceptor {

  private static final String STARTED_AT = RequestMetricsInterceptor.class.getName() + ".startedAt";

  private final IngressMetrics metrics;

  public RequestMetricsInterceptor(IngressMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    // An async request passes here twice; the clock starts when it came in.
    if (request.getDispatcherType() == DispatcherType.REQUEST) {
      request.setAttribute(STARTED_AT, System.nanoTime());
    }
    return true;
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception ex) {
    // Called once, when the final response is written (not when async handling starts).
    if (request.getAttribute(STARTED_AT) instanceof Long startedAt) {
      metrics.requestCompleted(response.getStatus(), Duration.ofNanos(System.nanoTime() - startedAt));
    }
  }
}
