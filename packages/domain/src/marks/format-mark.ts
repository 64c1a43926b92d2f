/** French display of hundredths: 1250 → "12,50", 987 → "9,87", 5 → "0,05". */
export function formatHundredths(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  const units = Math.trunc(abs / 100);
  const cents = abs % 100;
  return `${sign}${units},${cents.toString().padStart(2, '0')}`;
}

/**
 * A threshold or a mark as a rule states it: no useless decimals.
 * 1000 → "10", 850 → "8,5", 825 → "8,25".
 */
export function formatPoints(hundredths: number): string {
  return formatHundredths(hundredths).replace(/,?0+$/, '');
}

/**
 * Reads a mark written by people or exam systems: "12,5", "12.50", "12",
 * "0,05". Returns hundredths, or null when the text is not a mark /20 with
 * at most two decimals (no rounding: "12,345" is refused, not guessed).
 */
export function parseMark(text: string): number | null {
  const m = /^\s*(\d{1,2})(?:[,.](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const units = Number(m[1]);
  const decimals = (m[2] ?? '').padEnd(2, '0');
  const value = units * 100 + Number(decimals);
  return value <= 2000 ? value : null;
}

/**
 * Reads a coefficient: "3", "1,5", "1.25" → hundredths (300, 150, 125).
 * Null when not a positive number with at most two decimals.
 */
export function parseCoefficient(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[,.](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const value = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return value > 0 ? value : null;
}

/** Coefficient hundredths as a plain decimal string: 150 → "1.5", 300 → "3". */
export function formatCoefficient(hundredths: number): string {
  const units = Math.trunc(hundredths / 100);
  const cents = hundredths % 100;
  if (cents === 0) return `${units}`;
  return `${units}.${cents.toString().padStart(2, '0').replace(/0$/, '')}`;
}
