package dev.sluice.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AssignedSecretDetectorTest {

  private static final String VALUE = "wJalrXUtnFEMI/K7MDENG+bPxRfiCY";

  private static List<String> values(String text) {
    List<SecretMatch> matches = new ArrayList<>();
    new AssignedSecretDetector().find(text, matches);
    matches.forEach(match -> assertThat(match.kind()).isEqualTo(SecretKind.ASSIGNED_SECRET));
    return matches.stream().map(match -> text.substring(match.start(), match.end())).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "password=%s",
      "DB_PASSWORD: %s",
      "\"apiKey\": \"%s\"",
      "'client_secret' => '%s',",
      "aws_secret_access_key = %s",
      "--auth-token=%s",
      "export GITHUB_TOKEN=%s",
      "X-Api-Key: %s",
      "Authorization: Bearer %s",
      "passwd := `%s`",
      "jdbc.password=%s;"})
  void findsTheValueOfASecretNamedKey(String template) {
    assertThat(values(template.formatted(VALUE))).containsExactly(VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"P@ssw0rd!", "Summer2024!", "Tr0ub4dor&3", "correct horse battery 9"})
  void findsHumanPasswordsThatMixCharacterClasses(String password) {
    assertThat(values("my password: \"" + password + "\"")).containsExactly(password);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "password: required                  | one character class",
      "password=aaaa1111                   | too regular",
      "password=abc12                      | too short",
      "api_key: YOUR_API_KEY               | a constant's name",
      "token=${GITHUB_TOKEN}               | a template reference",
      "secret: <your secret here>          | a placeholder",
      "password = ********                 | already masked",
      "'private_key': private_hex,         | a variable in code",
      "password=settings.db_password       | a dotted reference",
      "max_tokens: 4096abcdefgh            | a key about tokens, not a token",
      "tokenizer: cl100k_base              | a tokenizer",
      "author: JohnSmith1990               | no secret in the key",
      "key: Fmaj7sus4add9                  | a bare key without a qualifier",
      "if password == Secret123abc         | a comparison",
      "token_type: Bearer                  | names the type of a token"})
  void leavesValuesThatAreNoSecretAlone(String text, String why) {
    assertThat(values(text)).as(why).isEmpty();
  }

  @Test
  void findsEveryAssignmentOfAConfigBlock() {
    String config = "user=admin\npassword=" + VALUE + "\nhost=db.local\napi_key=" + VALUE.toLowerCase() + "9";

    assertThat(values(config)).containsExactly(VALUE, VALUE.toLowerCase() + "9");
  }

  @Test
  void stripsSentencePunctuationAfterAnUnquotedValue() {
    assertThat(values("The secret is: Xk29fPqL7mZ.")).isEmpty();
    assertThat(values("secret: Xk29fPqL7mZ.")).containsExactly("Xk29fPqL7mZ");
  }

  @ParameterizedTest
  @CsvSource({"db_password,true", "apiKey,true", "APIKey,true", "X-Auth-Token,true", "aws_secret_access_key,true",
      "signingKey,true", "pwd,true", "password_hash,false", "tokens,false", "key,false", "monkey,false",
      "AWS_ACCESS_KEY_ID,false", "passport,false"})
  void namesASecretByTheKeysLastWord(String key, boolean secret) {
    assertThat(AssignedSecretDetector.namesSecret(key)).isEqualTo(secret);
  }
}
