package dev.sluice.guard.secrets;

/** The kinds of credentials {@link SecretScanner} recognises, most specific first. */
public enum SecretKind {
  /** A PEM block holding a private key, from its BEGIN line to its END line. */
  PRIVATE_KEY,
  /** A signed or unsigned JSON Web Token whose header decodes to JSON naming an {@code alg}. */
  JWT,
  /** An AWS access key id ({@code AKIA…} long-term, {@code ASIA…} temporary). */
  AWS_ACCESS_KEY_ID,
  /** A GitHub token ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_}, {@code github_pat_}). */
  GITHUB_TOKEN,
  /** A Slack token ({@code xoxb-}, {@code xoxa-}, {@code xoxp-}, {@code xoxr-}, {@code xoxs-}). */
  SLACK_TOKEN,
  /** An OpenAI-style API key ({@code sk-…}, {@code sk-proj-…}). */
  API_KEY,
  /** A high-entropy value assigned to a key that names a secret ({@code password=…}, {@code "api_key": "…"}). */
  ASSIGNED_SECRET
}
