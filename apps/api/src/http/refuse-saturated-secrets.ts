import type { RequestHandler } from 'express';
import type { PasswordAdmission } from '../auth/password-admission.ts';
import { ServiceOverloadedError } from '../graphql/graphql-errors.ts';

/** The fields whose work goes through the password admission queue. */
const PASSWORD_FIELDS = /\b(?:logIn|changePassword|resetPassword)\s*\(/;

/**
 * At a publication instant log-ins arrive faster than argon2id can check
 * them, and most must be refused. When the admission queue would refuse a
 * check started now, a request naming a password field gets the same 503
 * with Retry-After here, before GraphQL parses, validates and resolves it
 * and before the session lookup: the refusal then costs next to nothing.
 * A request that only looks like one (the name in a string) is refused
 * just as it would be by the queue, as a request holds at most one such
 * field anyway.
 */
export function refuseSaturatedSecrets(admission: PasswordAdmission): RequestHandler {
  return (req, res, next) => {
    const query = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string' || !PASSWORD_FIELDS.test(query)) {
      next();
      return;
    }
    const refusal = admission.refusalNow();
    if (refusal === null) {
      next();
      return;
    }
    const { message } = new ServiceOverloadedError(refusal.retryAfterSeconds);
    res
      .status(503)
      .set('retry-after', String(refusal.retryAfterSeconds))
      .json({
        errors: [
          {
            message,
            extensions: {
              code: 'SERVICE_OVERLOADED',
              retryAfterSeconds: refusal.retryAfterSeconds,
            },
          },
        ],
      });
  };
}
