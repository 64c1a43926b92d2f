import { type Figure, ratioOf, totalCpuMs } from './scenario-result.ts';

/** The bound: a read at the largest size costs at most this many times one at the smallest. */
export const GROWTH_LIMIT = 1.2;

/**
 * The sizes are compared at one offered rate, this share of the slowest
 * size's own rate when answering as fast as it could, so that every size
 * keeps up with it. A server's CPU per request moves with the load it is
 * under (how busy it is, what else wants the cores), not only with its work
 * (docs/performance.md, row 9): sizes each measured at their own full speed
 * would count the difference between a busier and a less busy server as
 * growth.
 */
export const EQUAL_RATE_SHARE = 0.8;

/** The offered rate, per second, at which sizes whose full-speed rates these are are compared. */
export function equalRate(fullSpeedRates: readonly number[]): number {
  const slowest = Math.min(...fullSpeedRates);
  if (fullSpeedRates.length === 0 || !(slowest > 0))
    throw new RangeError('A size answered nothing at full speed: no rate to compare the sizes at.');
  return slowest * EQUAL_RATE_SHARE;
}

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
