import type { RequestHandler } from 'express';
import { sendError } from './http-errors.ts';

/**
 * The deepest nesting of arrays and objects a request may carry. The API's
 * own inputs nest a few levels; a 100 kB body can nest 50 000, which
 * exhausts the stack of any recursive walk (this check's own did) and ends
 * as a server error instead of a refusal.
 */
export const MAX_BODY_DEPTH = 32;

type BodyProblem = 'UNSTORABLE' | 'TOO_DEEP';

/**
 * PostgreSQL stores neither a NUL character (text refuses it) nor half a
 * UTF-16 surrogate pair (not UTF-8; jsonb refuses its escape). Walked with
 * a list of its own rather than by recursion, so that no nesting can
 * overflow the stack before the bound is seen.
 */
export function bodyProblem(value: unknown): BodyProblem | null {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item === 'string') {
      if (item.includes('\u0000') || !item.isWellFormed()) return 'UNSTORABLE';
    } else if (typeof item === 'object' && item !== null) {
      if (depth >= MAX_BODY_DEPTH) return 'TOO_DEEP';
      // An object's keys are text sent by the client as much as its values.
      const keyed = !Array.isArray(item);
      for (const [key, inner] of Object.entries(item)) {
        if (keyed) pending.push([key, depth + 1]);
        pending.push([inner, depth + 1]);
      }
    }
  }
  return null;
}

const REFUSALS: Readonly<Record<BodyProblem, string>> = {
  UNSTORABLE: 'La requête contient un caractère interdit (caractère nul ou texte UTF-16 invalide).',
  TOO_DEEP: `La requête imbrique trop de listes ou d’objets (au plus ${String(MAX_BODY_DEPTH)} niveaux).`,
};

/**
 * A request carrying text PostgreSQL cannot store, or nested past
 * MAX_BODY_DEPTH, is refused at the door, as bad input, before anything
 * runs: deeper in, the same text would fail as a server error, or not at
 * all in one table and then in the audit log.
 */
export function refuseUnstorableText(): RequestHandler {
  return (req, res, next) => {
    const problem = bodyProblem(req.body) ?? bodyProblem(req.query);
    if (problem === null) {
      next();
      return;
    }
    sendError(res, 400, 'BAD_USER_INPUT', REFUSALS[problem]);
  };
}
