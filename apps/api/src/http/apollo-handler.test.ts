import { parse } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchOf } from './apollo-handler.ts';

describe('searchOf: the query string Apollo reads GraphQL-over-GET from', () => {
  it.each([
    ['/graphql', ''],
    ['/graphql?', '?'],
    ['/graphql?query=%7B__typename%7D', '?query=%7B__typename%7D'],
    ['/graphql?query=a#b', '?query=a'],
    ['/graphql#x?query=a', ''],
    ['/graphql?a=1?b=2', '?a=1?b=2'],
    ['/graphql?#', '?'],
  ])('%s → %s', (target, search) => {
    expect(searchOf(target)).toBe(search);
  });

  it('says what url.parse said for every request target (the integration it replaces)', () => {
    const target = fc
      .array(fc.constantFrom('a', '/', '?', '#', '=', '&', '%20', 'é'), { maxLength: 12 })
      .map((parts) => `/graphql${parts.join('')}`);
    fc.assert(
      fc.property(target, (t) => {
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- the behaviour replaced is the oracle
        expect(searchOf(t)).toBe(parse(t).search ?? '');
      }),
    );
  });
});
