import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Paths removed from every log line whatever a caller passes: credentials
 * must never reach logs (security issue, « Reliability »). The HTTP
 * serializers already leave headers and bodies out; this is the second line.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["set-cookie"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'token',
  'variables',
];

export function createLogger(
  options: { readonly level: LogLevel; readonly destination?: DestinationStream } = {
    level: 'info',
  },
): Logger {
  const config = {
    level: options.level,
    base: { service: 'rattrapage-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return options.destination === undefined ? pino(config) : pino(config, options.destination);
}
