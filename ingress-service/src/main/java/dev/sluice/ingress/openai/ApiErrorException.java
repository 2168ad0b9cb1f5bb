package dev.sluice.ingress.openai;

/** Carries an {@link ApiError} out of a request: the error handler turns it into the OpenAI error response. */
public class ApiErrorException extends RuntimeException {

  private final transient ApiError error;

  public ApiErrorException(ApiError error) {
    super(error.status().value() + " " + error.message(), null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}
