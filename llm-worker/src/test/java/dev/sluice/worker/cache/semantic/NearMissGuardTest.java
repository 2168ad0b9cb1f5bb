package dev.sluice.worker.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearMissGuardTest {

  private final NearMissGuard guard = new NearMissGuard();

  @ParameterizedTest(name = "{0} | {1}")
  @CsvSource(delimiter = '|', textBlock = """
      What is the capital of France?           | What is the capital of Spain?
      what is the capital of France            | what is the capital of spain
      Convert 5 km to miles                    | Convert 5 miles to km
      Convert 5 km to miles                    | Convert 50 km to miles
      Convert 5 km to miles                    | Convert six km to miles
      Why is my code not working?              | Why is my code working?
      Why doesn't my code work?                | Why does my code work?
      Is coffee bad for your health?           | Is coffee good for your health?
      Sort ascending in Python                 | Sort descending in Python
      Translate 'thank you' to German          | Translate 'good night' to German
      Did Microsoft acquire GitHub?            | Did GitHub acquire Microsoft?
      What is 7 times 8?                       | What is 7 plus 8?
      What is 30°C in Fahrenheit?              | What is 30°F in Fahrenheit?
      Is $20 a fair price?                     | Is €20 a fair price?
      Python 3.11 release notes                | Python 3.12 release notes
      Python 3.10 release notes                | Python 3.1 release notes
      What does HTTP stand for?                | What does HTTPS stand for?
      Who came second in the race?             | Who came third in the race?
      Why is the sky blue at noon?             | Why is the sky red at noon?
      How many grams are in a pound?           | How many grams are in an ounce?
      """)
  void rejectsPromptsThatAskForSomethingElse(String cached, String asked) {
    assertThat(guard.difference(cached.strip(), asked.strip())).isPresent();
  }

  @ParameterizedTest(name = "{0} | {1}")
  @CsvSource(delimiter = '|', textBlock = """
      What is the capital of France?           | Which city is the capital of France?
      What is the capital of France?           | what is the capital of france
      Convert 5 km to miles                    | Please convert 5 kilometres into miles
      Convert five km to miles                 | Convert 5 km to miles
      Convert 5.0 km to miles                  | Convert 5 km to miles
      What is 30 degrees Celsius in Fahrenheit? | What is 30°C in Fahrenheit?
      Is $20 a fair price?                     | Is 20 dollars a fair price?
      When was the Eiffel Tower built?         | What year was the Eiffel Tower constructed?
      How long should I boil an egg?           | How many minutes should I boil an egg for?
      What's the best way to center a div in CSS? | How do I center a div in CSS?
      Why doesn't my code compile?             | Why does my code not compile?
      How do I remove a git branch?            | How can I delete a branch in git?
      TIPS FOR A JOB INTERVIEW                 | tips for a job interview
      What Is The Capital Of France            | what is the capital of France?
      Translate "good morning" into Spanish    | How do you say "Good morning!" in Spanish?
      """)
  void letsParaphrasesThrough(String cached, String asked) {
    assertThat(guard.difference(cached.strip(), asked.strip())).isEmpty();
  }

  @Test
  void saysWhatDiffers() {
    assertThat(guard.difference("Convert 5 km to miles", "Convert 5 miles to km"))
        .hasValueSatisfying(reason -> assertThat(reason).contains("km").contains("mile"));
    assertThat(guard.difference("Is coffee bad for you?", "Is coffee good for you?"))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("value"));
  }

  @Test
  void readsTheSpecificsOfAPrompt() {
    PromptSpecifics specifics = PromptSpecifics.of("Can't I convert $1,000 to EUR in Node.js before Friday?");

    assertThat(specifics.negations()).isEqualTo(1);
    assertThat(specifics.anchors()).containsExactlyInAnyOrder("1000", "usd", "node.js");
    assertThat(specifics.units()).containsExactly("usd", "eur");
    assertThat(specifics.opposites()).containsOnlyKeys("time", "weekday");
  }
}
