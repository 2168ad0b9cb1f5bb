package dev.sluice.ingress.auth;

import dev.sluice.ingress.openai.ApiError;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every API call by its {@code Authorization: Bearer <key>} header and exposes the tenant as the
 * request attribute {@link #TENANT_ATTRIBUTE}; a missing or unknown key ends the request with 401.
 */
public final class ApiKeyInterceptor implements HandlerInterceptor {

  public static final String TENANT_ATTRIBUTE = "dev.sluice.ingress.auth.tenant";

  private static final String BEARER = "Bearer ";

  private final ApiKeyDirectory directory;

  public ApiKeyInterceptor(ApiKeyDirectory directory) {
    this.directory = directory;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getDispatcherType() != DispatcherType.REQUEST) {
      // The async dispatch that writes a response was authenticated when the request came in.
      return true;
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || authorization.substring(BEARER.length()).isBlank()) {
      throw ApiError.missingApiKey().toException();
    }
    Tenant tenant = directory.tenantFor(authorization.substring(BEARER.length()).trim())
        .orElseThrow(() -> ApiError.invalidApiKey().toException());
    request.setAttribute(TENANT_ATTRIBUTE, tenant);
    return true;
  }
}
