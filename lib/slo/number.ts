/**
 * Rounds to 12 significant digits. Used on derived SLO constants (budget, factors, burn rates) so that
 * binary float artifacts such as 1 − 0.999 = 0.0010000000000000009 or 0.0144 / 0.001 = 14.399999999999999
 * disappear: the inputs are decimal numbers a human typed, and 12 digits keep far more precision than any
 * objective or traffic count carries, while leaving 3–4 digits of float noise out.
 */
export const roundSignificant = (value: number, digits = 12): number =>
  Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(digits)) : value;
