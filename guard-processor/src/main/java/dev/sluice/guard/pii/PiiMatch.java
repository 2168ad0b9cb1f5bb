package dev.sluice.guard.pii;

import dev.sluice.guard.detect.Ranged;

/**
 * One piece of personal data found in a text. {@code value} is its canonical form (lower-cased address, bare
 * digits) so that one value written two ways gets one placeholder; it lives only in memory while masking.
 */
record PiiMatch(PiiType type, int start, int end, String value) implements Ranged {
}
