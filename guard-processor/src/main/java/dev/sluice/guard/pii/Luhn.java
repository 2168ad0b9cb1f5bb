package dev.sluice.guard.pii;

/** The Luhn (mod 10) check every payment card number passes and most other digit strings of its length fail. */
public final class Luhn {

  private Luhn() {
  }

  /** True when {@code digits} (ASCII digits only, at least two) has a valid Luhn check digit. */
  public static boolean isValid(CharSequence digits) {
    if (digits.length() < 2) {
      return false;
    }
    int sum = 0;
    boolean doubleIt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return false;
      }
      if (doubleIt) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }
}
