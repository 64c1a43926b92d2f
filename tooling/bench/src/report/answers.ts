import type { LoadResult } from '../load/load-plan.ts';
import { failedRequests } from './scenario-result.ts';

export interface AnswerCounts {
  /** 200 with the expected data. */
  readonly ok: number;
  /** 503 with Retry-After: the admission queue's answer to a storm, the one refusal the issue allows. */
  readonly refused: number;
  /** Everything else: another status (429 included), a GraphQL error, a timeout, a lost connection. */
  readonly errors: number;
}

/**
 * Sorts a load's answers as the publication instant's target reads them.
 * The load process counts answers without Retry-After over 429 and 503
 * together; they are taken from the 503s here, so that an unlikely 429
 * without it counts twice rather than a bad 503 not at all.
 */
export function classifyAnswers(load: LoadResult): AnswerCounts {
  const unavailable = load.statusCounts['503'] ?? 0;
  const withoutRetryAfter = Math.min(load.retryAfterMissing, unavailable);
  return {
    ok: load.ok,
    refused: unavailable - withoutRetryAfter,
    errors: failedRequests(load, [503]) + withoutRetryAfter,
  };
}
