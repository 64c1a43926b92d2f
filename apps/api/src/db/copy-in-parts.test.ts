import { describe, expect, it } from 'vitest';
import { type CopyChunk, copyInParts } from './import-session.ts';

type Chunks = Iterable<CopyChunk> | AsyncIterable<CopyChunk>;

async function* numbered(count: number, failAt?: number): AsyncGenerator<string> {
  for (let i = 0; i < count; i += 1) {
    await Promise.resolve();
    if (i === failAt) throw new Error(`chunk ${i} unreadable`);
    yield `${i}\n`;
  }
}

/** A COPY that records what each statement received. */
function recordingCopy() {
  const statements: string[][] = [];
  const copy = async (_statement: string, chunks: Chunks) => {
    const received: string[] = [];
    for await (const c of chunks)
      received.push(typeof c === 'string' ? c : Buffer.from(c).toString());
    statements.push(received);
  };
  return { copy, statements };
}

describe('copyInParts', () => {
  it.each([
    [10, 3],
    [9, 3],
    [1, 5],
    [0, 4],
    [7, 1],
  ])(
    'sends %i chunks in statements of %i, in order, none lost or repeated',
    async (count, part) => {
      const { copy, statements } = recordingCopy();
      await copyInParts(copy, 'COPY t FROM STDIN', numbered(count), part);
      expect(statements.flat()).toEqual(Array.from({ length: count }, (_, i) => `${i}\n`));
      expect(statements.every((s) => s.length <= part)).toBe(true);
      // Every statement full but the last, which may be empty when the count is a multiple.
      expect(statements.slice(0, -1).every((s) => s.length === part)).toBe(true);
      expect(statements.length).toBe(Math.floor(count / part) + 1);
    },
  );

  it('stops at a chunk that cannot be read, with its error, after the statements before it', async () => {
    const { copy, statements } = recordingCopy();
    await expect(copyInParts(copy, 'COPY t FROM STDIN', numbered(10, 7), 3)).rejects.toThrow(
      'chunk 7 unreadable',
    );
    expect(statements).toEqual([
      ['0\n', '1\n', '2\n'],
      ['3\n', '4\n', '5\n'],
    ]);
  });

  it('stops reading when a statement fails, and passes its error on', async () => {
    let read = 0;
    async function* counted(): AsyncGenerator<string> {
      for (let i = 0; i < 1_000; i += 1) {
        await Promise.resolve();
        read += 1;
        yield `${i}\n`;
      }
    }
    let calls = 0;
    const failing = async (_s: string, chunks: Chunks) => {
      calls += 1;
      for await (const chunk of chunks)
        if (calls === 2) throw new Error(`duplicate key in ${String(chunk)}`);
    };
    await expect(copyInParts(failing, 'COPY t FROM STDIN', counted(), 10)).rejects.toThrow(
      'duplicate key',
    );
    expect(calls).toBe(2);
    // Read ahead by at most a statement's worth beyond what was sent.
    expect(read).toBeLessThanOrEqual(10 + 1 + 10 + 1);
  });
});
