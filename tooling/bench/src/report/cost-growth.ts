import { type Figure, ratioOf, totalCpuMs } from './scenario-result.ts';

/** The bound: a read at the largest size costs at most this many times one at the smallest. */
export const GROWTH_LIMIT = 1.2;

export interface SizedFigure {
  readonly candidates: number;
  readonly figure: Figure;
}

export interface CostGrowth {
  readonly smallest: SizedFigure;
  readonly largest: SizedFigure;
  /** CPU per request (server and database) at the largest size ÷ at the smallest. */
  readonly ratio: number;
  /** Within the bound; false when either CPU was not measured. */
  readonly met: boolean;
}

/**
 * How the cost of one request grows with the session's size: by CPU per
 * request, API and PostgreSQL together, which moves far less than the rates
 * on a shared machine (it does not count waiting for a core).
 */
export function costGrowth(figures: readonly SizedFigure[]): CostGrowth {
  const bySize = [...figures].sort((a, b) => a.candidates - b.candidates);
  const smallest = bySize[0];
  const largest = bySize.at(-1);
  if (smallest === undefined || largest === undefined || smallest === largest)
    throw new RangeError('Cost growth needs at least two sizes.');
  const ratio = ratioOf(totalCpuMs(largest.figure), totalCpuMs(smallest.figure));
  return { smallest, largest, ratio, met: ratio <= GROWTH_LIMIT };
}
