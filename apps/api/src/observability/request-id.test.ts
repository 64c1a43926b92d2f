import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathOf, requestIdOf } from './request-id.ts';
import { routeLabel } from './route-label.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIdOf', () => {
  it.each([
    ['abc-123', 'abc-123'],
    ['3f2a9c1e-0b7d-4c5e-9a1f-2d3c4b5a6f70', '3f2a9c1e-0b7d-4c5e-9a1f-2d3c4b5a6f70'],
    ['lb:trace.42_x', 'lb:trace.42_x'],
    ['a'.repeat(128), 'a'.repeat(128)],
  ])('keeps the safe token %s', (header, expected) => {
    expect(requestIdOf(header)).toBe(expected);
  });

  it.each([
    ['undefined', undefined],
    ['empty', ''],
    ['too long', 'a'.repeat(129)],
    ['a space', 'a b'],
    ['a newline (forged log line)', 'id\n{"level":60}'],
    ['a quote', 'id"x'],
    ['repeated header', ['a', 'b']],
  ])('replaces %s with a new UUID', (_what, header) => {
    expect(requestIdOf(header)).toMatch(UUID);
  });

  it('returns a token that is always itself safe to echo', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (header) => {
        expect(requestIdOf(header)).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
      }),
    );
  });
});

describe('pathOf and routeLabel', () => {
  it.each([
    ['/graphql?query={x}', '/graphql', '/graphql'],
    ['/documents/convocation/123?token=secret', '/documents/convocation/123', '/documents'],
    ['/healthz#frag', '/healthz', '/healthz'],
    ['/readyz', '/readyz', '/readyz'],
    ['/metrics', '/metrics', '/metrics'],
    ['/graphqlx', '/graphqlx', 'other'],
    ['/wp-admin/setup.php?x=1', '/wp-admin/setup.php', 'other'],
  ])('%s has path %s and route %s', (url, path, route) => {
    expect(pathOf(url)).toBe(path);
    expect(routeLabel(url)).toBe(route);
  });

  it('never keeps a query string', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (path, query) => {
        expect(pathOf(`/${path.replace(/[?#]/g, '')}?${query}`)).not.toContain('?');
      }),
    );
  });
});
