import { describe, expect, it } from 'vitest';
import { parisWallTimeToInstant } from '../calendar/paris-time.ts';
import { calendar2024 } from '../calendar/session-2024.ts';
import { publicationsPassed } from './publications-passed.ts';

const cal = calendar2024;
const paris = (wall: string, deltaMs = 0) =>
  new Date(parisWallTimeToInstant(wall).getTime() + deltaMs);
const names = (at: Date) =>
  publicationsPassed(cal, at).map((p) => (p.kind === 'FIRST_GROUP' ? p.batchId : 'SECOND'));

describe('publicationsPassed', () => {
  it.each<[string, Date, string[]]>([
    ['1 ms before batch A', paris('2024-06-28T10:00', -1), []],
    ['at batch A', paris('2024-06-28T10:00'), ['A']],
    ['1 ms before batch B', paris('2024-07-01T19:00', -1), ['A']],
    ['at batch B', paris('2024-07-01T19:00'), ['A', 'B']],
    ['1 ms before the second group', paris('2024-07-10T16:30', -1), ['A', 'B']],
    ['at the second group', paris('2024-07-10T16:30'), ['A', 'B', 'SECOND']],
  ])('%s', (_, at, expected) => {
    expect(names(at)).toEqual(expected);
  });

  it('names the specialties and instant of a batch', () => {
    expect(publicationsPassed(cal, paris('2024-06-29T00:00'))).toEqual([
      {
        kind: 'FIRST_GROUP',
        batchId: 'A',
        specialtyCodes: ['MCO', 'NDRC'],
        publishedAt: paris('2024-06-28T10:00'),
      },
    ]);
  });
});
