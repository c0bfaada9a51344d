package dev.snaplog.core.types;

/**
 * Whether a conversion may lose information. {@link #REFUSE} (the default everywhere) turns every lossy
 * conversion into a ValidationException that names what would be lost; {@link #ALLOW} performs it, for input
 * known to need it. Lossy conversions: a number too large for a float or double column (stored as infinity) or
 * too small (stored as zero), a time finer than microseconds (truncated to the microsecond), and text with an
 * unpaired UTF-16 surrogate (which UTF-8 cannot store; replaced by U+FFFD). Rounding a decimal number to the
 * nearest float or double is what those types mean and is not counted as a loss.
 */
public enum LossyInput {
  REFUSE,
  ALLOW
}
