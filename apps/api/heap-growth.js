// How far V8 lets the API's old generation grow past what a full collection
// left alive before it collects again (start.js; docs/operations.md). At a
// publication instant, what requests in flight hold (log-ins waiting for
// their argon2id check, pages of candidates being written) outlives the
// young generation, is promoted, then dies; V8's own factor lets the old
// generation reach up to four times what stays alive before collecting it,
// and the process keeps those pages. A fixed growth of a half keeps it near
// what it uses, at the price of more frequent full collections of a small
// live heap. It is not a cap: a heap that needs more still gets it. A
// process started with its own --heap-growing-percent keeps it (Node does not
// accept the flag in NODE_OPTIONS).
import process from 'node:process';
import { setFlagsFromString } from 'node:v8';

export const API_HEAP_GROWING_PERCENT = 50;

const OWN_SETTING = /^--heap[-_]growing[-_]percent(=|$)/;

/** The V8 flag the API sets for itself, or null when the process was started with its own. */
export function heapGrowthFlag(execArgv) {
  return execArgv.some((arg) => OWN_SETTING.test(arg))
    ? null
    : `--heap-growing-percent=${String(API_HEAP_GROWING_PERCENT)}`;
}

/**
 * Sets it for this process. V8 reads it at each full collection, to set the
 * next one's threshold, so setting it once running holds from the next.
 */
export function limitApiHeapGrowth(execArgv = process.execArgv) {
  const flag = heapGrowthFlag(execArgv);
  if (flag !== null) setFlagsFromString(flag);
  return flag;
}
