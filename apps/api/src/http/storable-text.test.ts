import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH, bodyProblem } from './storable-text.ts';

/** A value nested `depth` levels deep (arrays, or objects when `asObjects`), a string inside. */
function nested(depth: number, asObjects = false): unknown {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i++) value = asObjects ? { x: value } : [value];
  return value;
}

/** The rule said plainly, by recursion: the oracle for values shallow enough to walk that way. */
function storableByRecursion(value: unknown): boolean {
  if (typeof value === 'string') return !value.includes('\u0000') && value.isWellFormed();
  if (Array.isArray(value)) return value.every(storableByRecursion);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).every(
      ([key, inner]) => storableByRecursion(key) && storableByRecursion(inner),
    );
  return true;
}

describe('bodyProblem: what a request body may not carry', () => {
  it.each([
    [
      'plain values',
      { query: '{ viewer { identifier } }', variables: { n: 1, b: true, z: null } },
      null,
    ],
    ['accented text', { variables: { name: 'Élodie Œuvre' } }, null],
    ['a NUL in a value', { variables: { name: 'a\u0000b' } }, 'UNSTORABLE'],
    ['a lone surrogate in a list', { variables: { names: ['ok', '\uD800'] } }, 'UNSTORABLE'],
    ['a NUL in a key', { variables: { 'a\u0000': 'b' } }, 'UNSTORABLE'],
    ['nesting at the bound (the body is a level)', { v: nested(MAX_BODY_DEPTH - 1) }, null],
    ['nesting past the bound', { v: nested(MAX_BODY_DEPTH) }, 'TOO_DEEP'],
    ['objects past the bound', nested(MAX_BODY_DEPTH + 1, true), 'TOO_DEEP'],
    ['objects at the bound', nested(MAX_BODY_DEPTH, true), null],
    ['nothing', undefined, null],
  ])('%s', (_name, body, problem) => {
    expect(bodyProblem(body)).toBe(problem);
  });

  it('refuses, without overflowing the stack, a nesting that a 100 kB body allows', () => {
    const text = `{"variables":{"x":${'['.repeat(49_000)}${']'.repeat(49_000)}}}`;
    expect(bodyProblem(JSON.parse(text))).toBe('TOO_DEEP');
  });

  it('finds unstorable text exactly where the plain rule does, at any shape within the bound', () => {
    const text = fc.string({ unit: 'binary', maxLength: 6 });
    const value = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        fc.integer(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(text, tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(value, (v) => {
        expect(bodyProblem(v) === null).toBe(storableByRecursion(v));
      }),
    );
  });
});
