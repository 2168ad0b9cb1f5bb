package dev.sluice.guard.normalize;

/**
 * Folds Cyrillic, Greek and other letters that look like Latin ones ("іgnоrе" with Cyrillic і, о, е) back to Latin, in
 * words that are otherwise Latin. A word made only of look-alikes is folded too when the text is mostly Latin, so an
 * all-homoglyph "рrоmрт" inside English is caught while Russian or Greek prose (which has letters without a Latin
 * twin, and is mostly non-Latin) stays as it is. Every character maps to one character, so lengths never change.
 */
final class ConfusableFolding {

  private static final String LOOK_ALIKES =
      // Cyrillic lower case, then upper case
      "аa" + "вb" + "сc" + "ԁd" + "еe" + "һh" + "іi" + "јj" + "кk" + "мm" + "оo" + "рp" + "ԛq" + "ѕs" + "тt" + "уy"
      + "хx" + "ԝw" + "ӏl" + "ѵv" + "ҡk"
      + "АA" + "ВB" + "СC" + "ЕE" + "НH" + "ІI" + "ЈJ" + "КK" + "МM" + "ОO" + "РP" + "ЅS" + "ТT" + "ХX" + "УY"
      + "ԜW" + "ӀI" + "ԚQ" + "ЁE" + "ёe" + "їi"
      // Greek lower case, then upper case
      + "αa" + "εe" + "οo" + "ρp" + "ιi" + "κk" + "νv" + "υu" + "τt" + "ϲc" + "ϳj"
      + "ΑA" + "ΒB" + "ΕE" + "ΖZ" + "ΗH" + "ΙI" + "ΚK" + "ΜM" + "ΝN" + "ΟO" + "ΡP" + "ΤT" + "ΥY" + "ΧX";
  private static final char[] LATIN_OF = latinTable();
  /**
   * Look-alikes outside Cyrillic and Greek: dotless ı and ȷ, IPA letters (ɑ, ɡ, ɩ) and small capitals (ᴀ, ᴇ, ꜱ),
   * as pairs.
   */
  private static final String LATIN_LOOK_ALIKES = "ıiȷjɑaɡgɩiɪiɢgʜhʟlɴnʀrʏyʙbᴀaᴄcᴅdᴇeᴊjᴋkᴍmᴏoᴘpᴛtᴜuᴠvᴡwᴢzꜱs";

  String fold(String text) {
    if (!hasLookAlike(text)) {
      return text;
    }
    boolean mostlyLatin = mostlyLatin(text);
    char[] out = text.toCharArray();
    int i = 0;
    while (i < out.length) {
      if (!Character.isLetter(out[i])) {
        i++;
        continue;
      }
      int end = i;
      int latin = 0;
      int lookAlikes = 0;
      int others = 0;
      while (end < out.length && isWordCharacter(out[end])) {
        char c = out[end];
        if (latinOf(c) != 0) {
          lookAlikes++;
        } else if (isLatin(c)) {
          latin++;
        } else if (Character.isLetter(c)) {
          others++;
        }
        end++;
      }
      if (lookAlikes > 0 && others == 0 && (latin > 0 || mostlyLatin)) {
        for (int j = i; j < end; j++) {
          char latinTwin = latinOf(out[j]);
          if (latinTwin != 0) {
            out[j] = latinTwin;
          }
        }
      }
      i = end;
    }
    return new String(out);
  }

  private static boolean isWordCharacter(char c) {
    return Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  private static boolean hasLookAlike(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (latinOf(text.charAt(i)) != 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean mostlyLatin(String text) {
    int latin = 0;
    int nonLatin = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isLatin(c)) {
        latin++;
      } else if (Character.isLetter(c)) {
        nonLatin++;
      }
    }
    return latin > nonLatin;
  }

  private static boolean isLatin(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7);
  }

  private static char latinOf(char c) {
    if (c < 0x0131) {
      return 0;
    }
    if (c >= 0x0370 && c < 0x0370 + LATIN_OF.length) {
      return LATIN_OF[c - 0x0370];
    }
    int lookAlike = LATIN_LOOK_ALIKES.indexOf(c);
    return lookAlike >= 0 && lookAlike % 2 == 0 ? LATIN_LOOK_ALIKES.charAt(lookAlike + 1) : 0;
  }

  private static char[] latinTable() {
    // Cyrillic and Greek, and the Cyrillic Supplement (ԁ, ԛ, ԝ), lie within U+0370..U+052F.
    char[] table = new char[0x0530 - 0x0370];
    for (int i = 0; i + 1 < LOOK_ALIKES.length(); i += 2) {
      char from = LOOK_ALIKES.charAt(i);
      if (from >= 0x0370 && from < 0x0530) {
        table[from - 0x0370] = LOOK_ALIKES.charAt(i + 1);
      }
    }
    return table;
  }
}
