package dev.sluice.ingress.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

/** OpenAI's error JSON: {@code {"error":{"message","type","param","code"}}}, nulls included as OpenAI sends them. */
public record ErrorBody(Detail error) {

  /** The fields of an OpenAI error. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Detail(String message, String type, String param, String code) {
  }
}
