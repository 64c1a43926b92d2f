import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchesOf, copyTextChunks, copyValue } from './staging.ts';

async function* streamOf<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

/** The items in batches cut where the draws fall (empty batches included). */
function cutInto<T>(items: readonly T[], draws: readonly number[]): T[][] {
  const cuts = draws.map((d) => d % (items.length + 1)).sort((a, b) => a - b);
  return [...cuts, items.length].map((cut, i) => items.slice(i === 0 ? 0 : cuts[i - 1], cut));
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('copyTextChunks', () => {
  it('writes every line once, in order, whatever its batches, whole within a chunk, each chunk within its size unless one line is larger', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 512 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (values, chunkBytes, cutDraws) => {
          const lineOf = (v: string) => `${copyValue(v)}\n`;
          const chunks = await collect(
            copyTextChunks(streamOf(cutInto(values, cutDraws)), lineOf, chunkBytes),
          );
          const text = Buffer.concat(chunks).toString('utf8');
          expect(text).toBe(values.map(lineOf).join(''));
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            // A chunk ends at a line's end: a line is never split across two.
            expect(chunk[chunk.length - 1]).toBe(0x0a);
            const lines = Buffer.from(chunk).toString('utf8').split('\n').slice(0, -1);
            if (lines.length > 1) expect(chunk.length).toBeLessThanOrEqual(chunkBytes);
          }
        },
      ),
    );
  });

  it('yields nothing for no rows', async () => {
    expect(await collect(copyTextChunks(streamOf<string[]>([]), (v) => `${v}\n`))).toEqual([]);
    expect(await collect(copyTextChunks(streamOf<string[]>([[], []]), (v) => `${v}\n`))).toEqual(
      [],
    );
  });
});

describe('batchesOf', () => {
  it('groups a synchronous or asynchronous stream in batches of the size, the last one shorter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer(), { maxLength: 100 }),
        fc.integer({ min: 1, max: 12 }),
        async (items, size) => {
          for (const source of [items, streamOf(items)]) {
            const batches = await collect(batchesOf(source, size));
            expect(batches.flat()).toEqual(items);
            batches.slice(0, -1).forEach((b) => {
              expect(b).toHaveLength(size);
            });
            const last = batches.at(-1);
            if (last !== undefined) expect(last.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});
