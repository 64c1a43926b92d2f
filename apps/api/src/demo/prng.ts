/**
 * A small seeded pseudo-random generator (mulberry32), so that the same seed
 * always gives the same demo data: a screenshot, a bug report or a test can
 * name a demo candidate and find them again. Not for anything secret.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A normally distributed float (Box–Muller). */
  normal(mean: number, standardDeviation: number): number;
  pick<T>(items: readonly T[]): T;
  /** An item drawn with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A version-4-shaped UUID drawn from the generator (reproducible ids). */
  uuid(): string;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const integer = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[integer(0, items.length - 1)];
    if (item === undefined) throw new RangeError('pick: no items to pick from.');
    return item;
  };
  return {
    next,
    integer,
    between: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    normal(mean, standardDeviation) {
      // 1 - next() is in (0, 1]: log never sees 0.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      return mean + standardDeviation * radius * Math.cos(2 * Math.PI * next());
    },
    pick,
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let draw = next() * total;
      for (const [item, weight] of items) {
        draw -= weight;
        if (draw < 0) return item;
      }
      // Rounding can leave a hair of the total undrawn: it belongs to the last item.
      const last = items.at(-1);
      if (last === undefined) throw new RangeError('weighted: no items to pick from.');
      return last[0];
    },
    uuid() {
      const hex = Array.from({ length: 16 }, () => integer(0, 255));
      hex[6] = ((hex[6] ?? 0) & 0x0f) | 0x40;
      hex[8] = ((hex[8] ?? 0) & 0x3f) | 0x80;
      const s = hex.map((b) => b.toString(16).padStart(2, '0')).join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}
