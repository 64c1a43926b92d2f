import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Advisory,
  type AuditException,
  judge,
  parseExceptions,
  readAuditAnswer,
} from '../src/judge.ts';

const advisory = (severity: Advisory['severity'], id = `GHSA-${severity}`): Advisory => ({
  id,
  module: 'some-package',
  severity,
  title: `a ${severity} problem`,
  url: `https://github.com/advisories/${id}`,
});

const excuse = (over: Partial<AuditException>): AuditException => ({
  reason: 'A reason long enough to be read by a reviewer.',
  decided: '2026-11-29',
  reviewBy: '2027-02-28',
  ...over,
});

describe('judge', () => {
  it.each([
    ['info', true],
    ['low', true],
    ['moderate', true],
    ['high', false],
    ['critical', false],
  ] as const)('a %s advisory without exception passes: %s', (severity, ok) => {
    const verdict = judge(
      { kind: 'advisories', advisories: [advisory(severity)] },
      [],
      '2026-12-01',
    );
    expect(verdict.ok).toBe(ok);
  });

  it('excuses a high advisory only while its exception is current', () => {
    const answer = { kind: 'advisories', advisories: [advisory('high', 'GHSA-1')] } as const;
    const exceptions = [excuse({ advisory: 'GHSA-1' })];
    expect(judge(answer, exceptions, '2027-02-27').ok).toBe(true);
    const expired = judge(answer, exceptions, '2027-02-28');
    expect(expired.ok).toBe(false);
    expect(expired.lines.join('\n')).toMatch(/expired on 2027-02-28/);
    expect(judge(answer, [excuse({ advisory: 'GHSA-2' })], '2026-12-01').ok).toBe(false);
  });

  it('fails on an unreachable endpoint unless a current exception says why', () => {
    const answer = { kind: 'unavailable', detail: 'responded with 405' } as const;
    expect(judge(answer, [], '2026-12-01').ok).toBe(false);
    expect(judge(answer, [excuse({ endpointUnavailable: true })], '2026-12-01').ok).toBe(true);
    expect(judge(answer, [excuse({ endpointUnavailable: true })], '2027-03-01').ok).toBe(false);
    expect(judge(answer, [excuse({ advisory: 'GHSA-1' })], '2026-12-01').ok).toBe(false);
  });

  it('never excuses output it cannot read', () => {
    const answer = { kind: 'unreadable', detail: 'Segmentation fault' } as const;
    expect(judge(answer, [excuse({ endpointUnavailable: true })], '2026-12-01').ok).toBe(false);
  });
});

describe('readAuditAnswer', () => {
  it('reads advisories from pnpm audit --json', () => {
    const json = JSON.stringify({
      advisories: {
        '1': {
          id: 1,
          github_advisory_id: 'GHSA-abcd',
          module_name: 'left-pad',
          severity: 'critical',
          title: 'bad',
          url: 'https://x',
        },
      },
      metadata: {},
    });
    expect(readAuditAnswer(json, '')).toEqual({
      kind: 'advisories',
      advisories: [
        {
          id: 'GHSA-abcd',
          module: 'left-pad',
          severity: 'critical',
          title: 'bad',
          url: 'https://x',
        },
      ],
    });
  });

  it('treats an unknown severity as critical, so that it is looked at', () => {
    const json = JSON.stringify({
      advisories: { '2': { id: 2, module_name: 'm', severity: '???' } },
    });
    const answer = readAuditAnswer(json, '');
    expect(answer.kind === 'advisories' && answer.advisories[0]?.severity).toBe('critical');
  });

  it('recognises the registry refusing the audit (as seen here: HTTP 405)', () => {
    const stderr = `Error: ERR_PNPM_AUDIT_BAD_RESPONSE\n\n  × The audit endpoint (at https://registry.npmjs.org/-/npm/v1/security/\n  │ advisories/bulk) responded with 405:\n`;
    const answer = readAuditAnswer('', stderr);
    expect(answer.kind).toBe('unavailable');
    expect(answer.kind === 'unavailable' && answer.detail).toMatch(
      /ERR_PNPM_AUDIT_BAD_RESPONSE.*405/,
    );
  });

  it('calls anything else unreadable', () => {
    expect(readAuditAnswer('not json', 'boom').kind).toBe('unreadable');
  });
});

describe('parseExceptions', () => {
  it('accepts the committed exceptions file', () => {
    const file: unknown = JSON.parse(
      readFileSync(new URL('../exceptions.json', import.meta.url), 'utf8'),
    );
    expect(parseExceptions(file).length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [{}, /must be a list/],
    [
      { exceptions: [{ reason: 'x'.repeat(30), decided: '2026-11-29', reviewBy: '2027-01-01' }] },
      /either/,
    ],
    [
      {
        exceptions: [
          {
            advisory: 'A',
            endpointUnavailable: true,
            reason: 'x'.repeat(30),
            decided: '2026-11-29',
            reviewBy: '2027-01-01',
          },
        ],
      },
      /either/,
    ],
    [
      {
        exceptions: [
          { advisory: 'A', reason: 'short', decided: '2026-11-29', reviewBy: '2027-01-01' },
        ],
      },
      /reason/,
    ],
    [
      {
        exceptions: [
          { advisory: 'A', reason: 'x'.repeat(30), decided: '29/11/2026', reviewBy: '2027-01-01' },
        ],
      },
      /YYYY-MM-DD/,
    ],
    [
      {
        exceptions: [
          { advisory: 'A', reason: 'x'.repeat(30), decided: '2026-11-29', reviewBy: '2026-11-29' },
        ],
      },
      /after decided/,
    ],
  ])('refuses %j', (json, message) => {
    expect(() => parseExceptions(json)).toThrow(message);
  });
});
