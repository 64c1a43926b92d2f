import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-error.ts';

const wrapped = (inner: unknown) => ({ message: 'Unexpected error value', originalError: inner });

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'admin shutdown (57P01)',
      { code: '57P01', message: 'terminating connection due to administrator command' },
    ],
    ['crash shutdown (57P02)', { code: '57P02' }],
    ['starting up (57P03)', { code: '57P03', message: 'the database system is starting up' }],
    ['connection failure (08006)', { code: '08006' }],
    [
      'refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5'), { code: 'ECONNREFUSED' }),
    ],
    ['reset', { code: 'ECONNRESET' }],
    ['cut by node-postgres', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped by GraphQL', wrapped({ code: '57P01' })],
    ['wrapped twice, as a cause', wrapped(new Error('outer', { cause: { code: 'ECONNRESET' } }))],
  ])('%s: yes', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['unique violation', { code: '23505' }],
    ['check violation', { code: '23514' }],
    ['syntax error', { code: '42601' }],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['nothing', undefined],
    ['a string', 'Connection terminated'],
  ])('%s: no', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
