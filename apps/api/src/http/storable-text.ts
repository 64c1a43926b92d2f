import type { RequestHandler } from 'express';

/**
 * PostgreSQL stores neither a NUL character (text refuses it) nor half a
 * UTF-16 surrogate pair (not UTF-8; jsonb refuses its escape). A request
 * carrying either is refused at the door, as bad input, before anything
 * runs: deeper in, the same text would fail as a server error, or not at all
 * in one table and then in the audit log.
 */
function storable(value: unknown): boolean {
  if (typeof value === 'string') return !value.includes('\u0000') && value.isWellFormed();
  if (Array.isArray(value)) return value.every(storable);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(storable);
  return true;
}

export function refuseUnstorableText(): RequestHandler {
  return (req, res, next) => {
    if (storable(req.body) && storable(req.query)) {
      next();
      return;
    }
    res.status(400).json({
      errors: [
        {
          message:
            'La requête contient un caractère interdit (caractère nul ou texte UTF-16 invalide).',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  };
}
