import type { Accommodation, ExtraPreparationRatio } from '../planning/oral-timing.ts';

// The ratios the circulars grant by name; any other stays a fraction.
const NAMED_RATIOS: Readonly<Record<string, string>> = {
  '1/4': 'd’un quart',
  '1/3': 'd’un tiers',
  '1/2': 'de moitié',
};

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** « majoré d’un tiers », « doublé », « majoré de 2/5 »: the ratio in lowest terms. */
function extraPreparationText(ratio: ExtraPreparationRatio): string {
  const d = gcd(ratio.numerator, ratio.denominator);
  const n = ratio.numerator / d;
  const m = ratio.denominator / d;
  if (n === m) return 'Temps de préparation doublé';
  const named = NAMED_RATIOS[`${n}/${m}`];
  return `Temps de préparation majoré ${named ?? `de ${n}/${m}`}`;
}

/**
 * What a candidate is granted, one line per measure, as their space and the
 * school's view print it; none when nothing differs from a regular oral. A
 * convocation states the minutes instead (describeAccommodation), since it
 * knows the oral's length.
 */
export function accommodationLines(accommodation: Accommodation | null): string[] {
  if (accommodation === null) return [];
  const lines: string[] = [];
  const ratio = accommodation.extraPreparation;
  if (ratio !== null && ratio.numerator > 0) lines.push(extraPreparationText(ratio));
  if (accommodation.accessibleRoomRequired) lines.push('Salle accessible');
  if (accommodation.note !== null && accommodation.note.trim() !== '')
    lines.push(accommodation.note.trim());
  return lines;
}
