/**
 * Prometheus encodes sample values as strings so that NaN and infinities survive JSON:
 * "NaN", "+Inf", "-Inf" and Go float formatting ("0.0005", "1e-05"). Returns undefined for
 * anything else so the caller can report a bad response instead of silently producing NaN.
 */
export const parseSampleValue = (raw: string): number | undefined => {
  switch (raw) {
    case "NaN":
      return Number.NaN;
    case "+Inf":
    case "Inf":
      return Number.POSITIVE_INFINITY;
    case "-Inf":
      return Number.NEGATIVE_INFINITY;
  }
  if (raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isNaN(value) ? undefined : value;
};

/**
 * Formats a client-side timeout for Prometheus' `timeout` parameter. Prometheus durations accept
 * ms/s/m/h/d/w/y only (no ns/us), and the value must be a positive integer.
 */
export const toPromDuration = (milliseconds: number): string => `${Math.max(1, Math.floor(milliseconds))}ms`;

/** Formats epoch seconds for Prometheus time parameters (fractional seconds allowed, no exponent). */
export const toPromTime = (epochSeconds: number): string => {
  if (!Number.isFinite(epochSeconds)) throw new RangeError(`time must be finite, got ${epochSeconds}`);
  return Number.isInteger(epochSeconds) ? String(epochSeconds) : epochSeconds.toFixed(3);
};
